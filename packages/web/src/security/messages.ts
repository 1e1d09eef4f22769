/**
 * The words of the connection check, relay-only mode and verification codes (this folder), in every language
 * the app speaks. Kept beside the feature (like recording/messages.ts) so it stays one folder;
 * follows the app's current language.
 */
import { catalog } from '../i18n/i18n';

const en = {
  checkConnection: 'Check connection',
  checking: 'Checking your connection…',
  checkResults: 'Connection check',
  statusOk: 'Works',
  statusFailed: 'Problem',
  statusSkipped: 'Not checked',
  signalingOk: 'Zvonok server: reachable.',
  signalingFailed:
    'Zvonok server: cannot be reached. Check your internet connection; nobody can join a call until it is reachable.',
  stunOk: 'Direct connections: your network lets them through.',
  stunFailed:
    'Direct connections: the address server (STUN) did not answer. Calls may still work through the relay.',
  stunNotConfigured:
    'Direct connections: this server names no address server (STUN). Calls within one network work; others may need the relay.',
  turnOk:
    'Relay: works. Calls get through strict firewalls, and relay-only mode can hide your IP address.',
  turnRejected:
    'Relay: unreachable. The relay server refused the connection (its settings do not match this server’s). Calls through strict firewalls and relay-only calls will not work.',
  turnUnreachable:
    'Relay: unreachable. The relay server did not answer (your network may block it). Calls through strict firewalls and relay-only calls will not work.',
  turnNotConfigured:
    'Relay: this server has none. Calls through strict firewalls and relay-only calls are not possible.',
  notChecked: '{what}: not checked, because the Zvonok server cannot be reached.',
  directConnections: 'Direct connections',
  relay: 'Relay',
  relayOnly: 'Hide my IP address (relay only)',
  relayOnlyHint:
    'Your audio and video go through the relay server, so the others never learn your IP address. It needs a working relay.',
  relayOnlyActive: 'Relay only: your IP address is hidden from the others.',
  verify: 'Verify connection',
  verifyIntro:
    'To be sure nobody listens in, not even the server, compare a short code with each person: choose Verify next to their name and read the code to each other.',
  verifyWith: 'Verify connection with {name}',
  codeIntro: 'Code with {name}:',
  codeHelp:
    'Read it to each other. If you both see the same numbers, nobody, not even the server, can listen in between you.',
  codePending: 'The connection is not ready yet: try again in a moment.',
} as const;

/** A message key of this feature. */
export type SecurityMessageKey = keyof typeof en;

const ru: Record<SecurityMessageKey, string> = {
  checkConnection: 'Проверить связь',
  checking: 'Проверяем связь…',
  checkResults: 'Проверка связи',
  statusOk: 'Работает',
  statusFailed: 'Проблема',
  statusSkipped: 'Не проверено',
  signalingOk: 'Сервер Zvonok: доступен.',
  signalingFailed:
    'Сервер Zvonok: недоступен. Проверьте подключение к интернету; пока сервер недоступен, войти в звонок нельзя.',
  stunOk: 'Прямые соединения: ваша сеть их пропускает.',
  stunFailed:
    'Прямые соединения: сервер адресов (STUN) не ответил. Звонки могут пойти через ретранслятор.',
  stunNotConfigured:
    'Прямые соединения: у этого сервера нет сервера адресов (STUN). Внутри одной сети звонки работают; между сетями может понадобиться ретранслятор.',
  turnOk:
    'Ретранслятор: работает. Звонки проходят через строгие файрволы, а режим «только через ретранслятор» может скрыть ваш IP-адрес.',
  turnRejected:
    'Ретранслятор: недоступен. Сервер-ретранслятор отказал в подключении (его настройки не совпадают с настройками этого сервера). Звонки через строгие файрволы и звонки только через ретранслятор не получатся.',
  turnUnreachable:
    'Ретранслятор: недоступен. Сервер-ретранслятор не ответил (возможно, его блокирует ваша сеть). Звонки через строгие файрволы и звонки только через ретранслятор не получатся.',
  turnNotConfigured:
    'Ретранслятор: у этого сервера его нет. Звонки через строгие файрволы и только через ретранслятор невозможны.',
  notChecked: '{what}: не проверено, потому что сервер Zvonok недоступен.',
  directConnections: 'Прямые соединения',
  relay: 'Ретранслятор',
  relayOnly: 'Скрыть мой IP-адрес (только через ретранслятор)',
  relayOnlyHint:
    'Звук и видео идут через сервер-ретранслятор, и остальные не узнают ваш IP-адрес. Нужен работающий ретранслятор.',
  relayOnlyActive: 'Только через ретранслятор: ваш IP-адрес скрыт от остальных.',
  verify: 'Проверить соединение',
  verifyIntro:
    'Чтобы убедиться, что никто, даже сервер, не подслушивает, сверьте короткий код с каждым участником: нажмите «Проверить» рядом с именем и прочитайте код друг другу.',
  verifyWith: 'Проверить соединение — {name}',
  codeIntro: 'Код проверки — {name}:',
  codeHelp:
    'Прочитайте его друг другу. Если у вас обоих одни и те же цифры, никто, даже сервер, не может подслушивать между вами.',
  codePending: 'Соединение ещё не готово: попробуйте через мгновение.',
};

const messages = catalog<SecurityMessageKey>({ en, ru });

/** A message of this feature in the current language, placeholders filled. */
export const ct = messages.t;

/** Both dictionaries, for the test that keeps them in step. */
export const securityDictionaries = messages.dictionaries;
