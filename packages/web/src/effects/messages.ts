/**
 * The words of the audio and video effects (noise suppression, background, lobby checks, push to
 * talk), in every language the app speaks. Kept beside the feature; follows the app's language.
 */
import { catalog } from '../i18n/i18n';

const en = {
  noiseSuppression: 'Noise suppression',
  noiseSuppressionHint:
    'Removes fans, keyboards and street noise from your microphone, on this device. Your choice is remembered.',
  effectLoading: 'Starting…',
  effectFailed: 'It could not be started here: {reason}. You are sent without it.',
  audioContextBlocked: 'Click anywhere on the page to let the browser start it.',
  micLevel: 'Microphone level',
  micSilent:
    'Your microphone {name} sends no sound. Check that it is not switched off on the device, or choose another one.',
  micClipping:
    'Your microphone is so loud that it distorts. Turn its level down in the system settings, or move it further away.',
  headsetMicUnused:
    'The headset {headset} is connected, but you are heard through the microphone {mic}. To use the headset microphone, choose it above.',
  echoTest: 'Test microphone (5 seconds)',
  echoRecording: 'Recording… say something.',
  echoPlaying: 'Playing back what you said.',
  echoFailed:
    'This browser cannot record here. Try joining: the others will tell you how you sound.',
};

type EffectsMessageKey = keyof typeof en;

const ru: Record<EffectsMessageKey, string> = {
  noiseSuppression: 'Шумоподавление',
  noiseSuppressionHint:
    'Убирает шум вентилятора, клавиатуры и улицы из вашего микрофона прямо на этом устройстве. Выбор запоминается.',
  effectLoading: 'Запускается…',
  effectFailed: 'Здесь его не удалось запустить: {reason}. Вас передают без него.',
  audioContextBlocked: 'Нажмите в любом месте страницы, чтобы браузер его запустил.',
  micLevel: 'Уровень микрофона',
  micSilent:
    'Ваш микрофон {name} не передаёт звук. Проверьте, не выключен ли он на самом устройстве, или выберите другой.',
  micClipping:
    'Микрофон настолько громкий, что звук искажается. Уменьшите его уровень в настройках системы или отодвиньте его.',
  headsetMicUnused:
    'Гарнитура {headset} подключена, но вас слышно через микрофон {mic}. Чтобы говорить в микрофон гарнитуры, выберите его выше.',
  echoTest: 'Проверить микрофон (5 секунд)',
  echoRecording: 'Идёт запись… скажите что-нибудь.',
  echoPlaying: 'Воспроизводим то, что вы сказали.',
  echoFailed:
    'Этот браузер не может здесь записывать. Войдите в звонок: собеседники скажут, как вас слышно.',
};

const messages = catalog<EffectsMessageKey>({ en, ru });

/** Both dictionaries, for the test that keeps every language complete (i18n.test.ts). */
export const effectsDictionaries = messages.dictionaries;

/** An effects message in the current language, placeholders filled. */
export const eff = messages.t;
