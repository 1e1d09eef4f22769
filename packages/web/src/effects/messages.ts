/**
 * The words of the audio and video effects (noise suppression, background, lobby checks, push to
 * talk), in every language the app speaks. Kept beside the feature; follows the app's language.
 */
import { format, locale, type Locale } from '../i18n/i18n';

const en = {
  noiseSuppression: 'Noise suppression',
  noiseSuppressionHint:
    'Removes fans, keyboards and street noise from your microphone, on this device. Your choice is remembered.',
  effectLoading: 'Starting…',
  effectFailed: 'It could not be started here: {reason}. You are sent without it.',
  audioContextBlocked: 'Click anywhere on the page to let the browser start it.',
};

type EffectsMessageKey = keyof typeof en;

const ru: Record<EffectsMessageKey, string> = {
  noiseSuppression: 'Шумоподавление',
  noiseSuppressionHint:
    'Убирает шум вентилятора, клавиатуры и улицы из вашего микрофона прямо на этом устройстве. Выбор запоминается.',
  effectLoading: 'Запускается…',
  effectFailed: 'Здесь его не удалось запустить: {reason}. Вас передают без него.',
  audioContextBlocked: 'Нажмите в любом месте страницы, чтобы браузер его запустил.',
};

const dictionaries: Record<Locale, Record<EffectsMessageKey, string>> = { en, ru };

/** Both dictionaries, for the test that keeps every language complete (i18n.test.ts). */
export const effectsDictionaries = dictionaries;

/** An effects message in the current language, placeholders filled. */
export function eff(key: EffectsMessageKey, params?: Record<string, string | number>): string {
  return format((dictionaries[locale.value] ?? en)[key], params);
}
