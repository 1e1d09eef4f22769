/**
 * The settings panel's and device notices' words, in every language the app speaks. Kept beside
 * the feature (like the recording's); it follows the app's current language.
 */
import { catalog } from '../i18n/i18n';

const en = {
  settings: 'Settings',
  settingsHint: 'Camera, microphone and speaker',
  camera: 'Camera',
  microphone: 'Microphone',
  speaker: 'Speaker',
  speakerFallback: 'Speaker {n}',
  devicesNote: 'Your choice is remembered for your next call.',
  sounds: 'Play a sound when someone joins or leaves, or raises a hand',
  noDevices: 'No camera or microphone found. Plug one in; it shows up here.',
  switchFailed: 'Could not switch to that device: {reason}',
  cameraLost: 'Your camera {old} is no longer available. Using {now} now.',
  micLost: 'Your microphone {old} is no longer available. Using {now} now.',
  cameraBack: 'Your camera {name} works again.',
  micBack: 'Your microphone {name} works again.',
  cameraMissing: 'The camera you chose is not available. Using {now} now.',
  micMissing: 'The microphone you chose is not available. Using {now} now.',
  cameraGone: 'Your camera is no longer available. Others see your initials until you plug one in.',
  micGone: 'Your microphone is no longer available. Others cannot hear you until you plug one in.',
  speakerLost: 'The speaker you chose is no longer available. Sound plays on the default one.',
  defaultOne: 'the default one',
  dismiss: 'Dismiss',
} as const;

type SettingsMessageKey = keyof typeof en;

const ru: Record<SettingsMessageKey, string> = {
  settings: 'Настройки',
  settingsHint: 'Камера, микрофон и динамик',
  camera: 'Камера',
  microphone: 'Микрофон',
  speaker: 'Динамик',
  speakerFallback: 'Динамик {n}',
  devicesNote: 'Выбор запомнится для следующего звонка.',
  sounds: 'Звук, когда кто-то входит, выходит или поднимает руку',
  noDevices: 'Камера и микрофон не найдены. Подключите их — они появятся здесь.',
  switchFailed: 'Не удалось переключиться на это устройство: {reason}',
  cameraLost: 'Камера {old} больше недоступна. Теперь используется {now}.',
  micLost: 'Микрофон {old} больше недоступен. Теперь используется {now}.',
  cameraBack: 'Камера {name} снова работает.',
  micBack: 'Микрофон {name} снова работает.',
  cameraMissing: 'Выбранная камера недоступна. Теперь используется {now}.',
  micMissing: 'Выбранный микрофон недоступен. Теперь используется {now}.',
  cameraGone:
    'Камера больше недоступна. Пока вы не подключите другую, остальные видят ваши инициалы.',
  micGone: 'Микрофон больше недоступен. Пока вы не подключите другой, вас не слышно.',
  speakerLost: 'Выбранный динамик больше недоступен. Звук идёт на динамик по умолчанию.',
  defaultOne: 'устройство по умолчанию',
  dismiss: 'Закрыть',
};

const messages = catalog<SettingsMessageKey>({ en, ru });

/** Both dictionaries, for the test that keeps every language complete (i18n.test.ts). */
export const settingsDictionaries = messages.dictionaries;

/** A settings message in the current language, placeholders filled. */
export const sett = messages.t;
