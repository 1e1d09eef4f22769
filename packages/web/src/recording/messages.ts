/**
 * The recording feature's words, in every language the app speaks. Kept beside the feature
 * rather than in the app dictionaries so that it can be added or removed as one folder; it
 * follows the app's current language (`locale`).
 */
import { catalog } from '../i18n/i18n';

const en = {
  record: 'Record',
  stopRecording: 'Stop recording',
  recordHint: 'Record the whole call to a file',
  stopRecordingHint: 'Stop recording and download the file',
  youAreRecording: 'You are recording this call · {time}',
  isRecording: '{name} is recording this call',
  guest: 'Guest',
  screenOf: "{name}'s screen",
  savedTitle: 'Recording saved',
  download: 'Download',
  dismiss: 'Dismiss',
  recoveredTitle: 'Recovered recording',
  recoveredText:
    'A recording of room {room} from {date} ({duration}) was interrupted. It was saved up to the last second.',
  discard: 'Discard',
  later: 'Later',
  recordingFailed: 'The recording could not start: {reason}',
  recordingUnsupported: 'This browser cannot record calls.',
  storageWarning:
    'The recording goes on, but it is no longer kept safe against a crash (storage refused it).',
} as const;

type RecordingMessageKey = keyof typeof en;

const ru: Record<RecordingMessageKey, string> = {
  record: 'Запись',
  stopRecording: 'Остановить запись',
  recordHint: 'Записать весь звонок в файл',
  stopRecordingHint: 'Остановить запись и скачать файл',
  youAreRecording: 'Вы записываете этот звонок · {time}',
  isRecording: '{name} записывает этот звонок',
  guest: 'Гость',
  screenOf: 'Экран: {name}',
  savedTitle: 'Запись сохранена',
  download: 'Скачать',
  dismiss: 'Закрыть',
  recoveredTitle: 'Восстановленная запись',
  recoveredText:
    'Запись комнаты {room} от {date} ({duration}) прервалась. Она сохранена до последней секунды.',
  discard: 'Удалить',
  later: 'Позже',
  recordingFailed: 'Запись не началась: {reason}',
  recordingUnsupported: 'Этот браузер не умеет записывать звонки.',
  storageWarning:
    'Запись идёт, но больше не защищена от сбоя вкладки (хранилище браузера отказало).',
};

const messages = catalog<RecordingMessageKey>({ en, ru });

/** Both dictionaries, for the test that keeps every language complete (i18n.test.ts). */
export const recordingDictionaries = messages.dictionaries;

/** A recording message in the current language, placeholders filled. */
export const rt = messages.t;

/** `m:ss` (or `h:mm:ss`) of a duration, as the recording timer shows it. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
