/**
 * The screen-sharing feature's words, in every language the app speaks. Kept beside the feature
 * (like the recording's) so it stays one folder; it follows the app's current language.
 */
import { catalog } from '../i18n/i18n';

const en = {
  shareScreen: 'Share screen',
  shareScreenHint: 'Show your screen to everyone',
  stopSharingHint: 'Stop sharing your screen',
  youArePresenting: 'You are presenting',
  presentingBody: 'Everyone sees your screen.',
  stopSharing: 'Stop sharing',
  screenOf: "{name}'s screen",
  yourScreen: 'Your screen',
  sharedScreen: 'Shared screen',
  showLarge: 'Show large',
  showLargeLabel: "Show {name}'s screen large",
  severalScreens: '{count} screens are shared. The newest is shown large; pick another below.',
  startedSharing: '{name} started sharing their screen',
  stoppedSharing: '{name} stopped sharing their screen',
  shareFailed: 'Your screen could not be shared: {reason}',
  shareUnsupported: 'This browser cannot share a screen.',
  shareBusy:
    'The screen could not be captured. Close other apps that record the screen and try again.',
  dismiss: 'Dismiss',
  guest: 'Guest',
} as const;

type ScreenMessageKey = keyof typeof en;

const ru: Record<ScreenMessageKey, string> = {
  shareScreen: 'Показать экран',
  shareScreenHint: 'Показать свой экран всем',
  stopSharingHint: 'Перестать показывать экран',
  youArePresenting: 'Вы показываете экран',
  presentingBody: 'Все видят ваш экран.',
  stopSharing: 'Остановить показ',
  screenOf: 'Экран: {name}',
  yourScreen: 'Ваш экран',
  sharedScreen: 'Показанный экран',
  showLarge: 'Крупно',
  showLargeLabel: 'Показать крупно — экран: {name}',
  severalScreens:
    '{count, plural, one {Показан # экран} few {Показано # экрана} many {Показано # экранов} other {Показано # экрана}}. Крупно — самый новый; другой можно выбрать ниже.',
  startedSharing: '{name} показывает свой экран',
  stoppedSharing: '{name} больше не показывает экран',
  shareFailed: 'Не удалось показать экран: {reason}',
  shareUnsupported: 'Этот браузер не умеет показывать экран.',
  shareBusy:
    'Не удалось захватить экран. Закройте другие программы, которые записывают экран, и попробуйте снова.',
  dismiss: 'Закрыть',
  guest: 'Гость',
};

const messages = catalog<ScreenMessageKey>({ en, ru });

/** Both dictionaries, for the test that keeps every language complete (i18n.test.ts). */
export const screenDictionaries = messages.dictionaries;

/** A screen-sharing message in the current language, placeholders filled. */
export const st = messages.t;
