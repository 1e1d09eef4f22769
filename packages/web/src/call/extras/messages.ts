/**
 * The words of the call's extras (in-call media problems, toasts, the muted hint), in every
 * language the app speaks. Kept beside the feature, like the recording's; follows the app's
 * current language. Names are never put where Russian would have to decline them.
 */
import { catalog } from '../../i18n/i18n';

const en = {
  cameraBlockedTitle: 'The camera is blocked',
  cameraBlockedBody:
    'Allow the camera for this site: click the camera or lock icon in the address bar, set Camera to Allow, then try again. The others still hear you.',
  cameraBusyTitle: 'Your camera is in use',
  cameraBusyBody: 'Another app or tab is using it. Close it, then try again.',
  noCameraTitle: 'No camera found',
  noCameraBody: 'Connect a camera, then try again.',
  cameraFailedTitle: 'The camera did not start',
  cameraFailedBody: 'Try again; if it keeps failing, restart the browser.',
  micBlockedTitle: 'The microphone is blocked',
  micBlockedBody:
    'Allow the microphone for this site: click the camera or lock icon in the address bar, set Microphone to Allow, then try again.',
  micBusyTitle: 'Your microphone is in use',
  micBusyBody: 'Another app or tab is using it. Close it, then try again.',
  noMicTitle: 'No microphone found',
  noMicBody: 'Connect a microphone, then try again.',
  micFailedTitle: 'The microphone did not start',
  micFailedBody: 'Try again; if it keeps failing, restart the browser.',
  tryAgain: 'Try again',
  dismiss: 'Dismiss',
  joined: '{name} joined',
  left: '{name} left',
  openChatFrom: 'Open the chat. {name}: {text}',
  toastsLabel: 'Call events',
  mutedTitle: 'You are muted',
  mutedBody: 'Nobody hears you. Press M or Unmute to talk.',
  unmute: 'Unmute',
} as const;

/** A message of the call's extras. */
export type ExtrasMessageKey = keyof typeof en;

const ru: Record<ExtrasMessageKey, string> = {
  cameraBlockedTitle: 'Камера заблокирована',
  cameraBlockedBody:
    'Разрешите камеру для этого сайта: нажмите на значок камеры или замка в адресной строке, выберите «Разрешить» для камеры и попробуйте снова. Вас по-прежнему слышат.',
  cameraBusyTitle: 'Камера занята',
  cameraBusyBody: 'Её использует другая программа или вкладка. Закройте её и попробуйте снова.',
  noCameraTitle: 'Камера не найдена',
  noCameraBody: 'Подключите камеру и попробуйте снова.',
  cameraFailedTitle: 'Камера не включилась',
  cameraFailedBody: 'Попробуйте снова; если не поможет, перезапустите браузер.',
  micBlockedTitle: 'Микрофон заблокирован',
  micBlockedBody:
    'Разрешите микрофон для этого сайта: нажмите на значок камеры или замка в адресной строке, выберите «Разрешить» для микрофона и попробуйте снова.',
  micBusyTitle: 'Микрофон занят',
  micBusyBody: 'Его использует другая программа или вкладка. Закройте её и попробуйте снова.',
  noMicTitle: 'Микрофон не найден',
  noMicBody: 'Подключите микрофон и попробуйте снова.',
  micFailedTitle: 'Микрофон не включился',
  micFailedBody: 'Попробуйте снова; если не поможет, перезапустите браузер.',
  tryAgain: 'Попробовать снова',
  dismiss: 'Закрыть',
  joined: '{name} присоединяется',
  left: '{name} выходит',
  openChatFrom: 'Открыть чат. {name}: {text}',
  toastsLabel: 'События звонка',
  mutedTitle: 'Микрофон выключен',
  mutedBody: 'Вас никто не слышит. Нажмите M или «Включить», чтобы говорить.',
  unmute: 'Включить',
};

const messages = catalog<ExtrasMessageKey>({ en, ru });

/** Both dictionaries, for the test that keeps every language complete. */
export const extrasDictionaries = messages.dictionaries;

/** A message of the call's extras in the current language, placeholders filled. */
export const xt = messages.t;
