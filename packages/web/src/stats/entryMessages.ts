/**
 * The few words of the statistics panel needed before it loads: its name in the menus, and what
 * the panel says while its code is fetched. The rest load with it (stats/messages.ts).
 */
import { catalog } from '../i18n/i18n';

const en = {
  stats: 'Call statistics',
  statsHint: 'Connection details',
  statsLoading: 'Loading…',
  statsFailed: 'The statistics could not be loaded. Check your connection and open them again.',
} as const;

type StatsEntryKey = keyof typeof en;

const ru: Record<StatsEntryKey, string> = {
  stats: 'Статистика звонка',
  statsHint: 'Подробности о соединении',
  statsLoading: 'Загрузка…',
  statsFailed: 'Не удалось загрузить статистику. Проверьте подключение и откройте её снова.',
};

const messages = catalog<StatsEntryKey>({ en, ru });

/** A message of the statistics panel's entry points in the current language. */
export const tse = messages.t;

/** Every dictionary, for the i18n test. */
export const statsEntryDictionaries = messages.dictionaries;
