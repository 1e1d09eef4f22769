/**
 * The words of the call statistics panel, in every language the app speaks. They load with the
 * panel (not on the first page); the panel's title and the ways to open it are in
 * quality/messages.ts.
 */
import { catalog, locale } from '../i18n/i18n';

const en = {
  statsEmpty: 'Statistics appear here once someone else is in the call.',
  measuring: 'Measuring…',
  received: 'Received',
  sent: 'Sent',
  bitrate: 'Bit rate',
  frameRate: 'Frame rate',
  resolution: 'Resolution',
  roundTrip: 'Round trip',
  packetLoss: 'Packet loss',
  codec: 'Codec',
  path: 'Path',
  direct: 'Direct',
  relay: 'Through a relay',
  unknown: 'Not known yet',
  kbps: '{value} kbit/s',
  mbps: '{value} Mbit/s',
  fps: '{value} fps',
  ms: '{value} ms',
  chart: '{metric} over the last minute: {values}',
  lastMinute: 'The charts show the last minute, one reading every 2 seconds.',
} as const;

type StatsMessageKey = keyof typeof en;

const ru: Record<StatsMessageKey, string> = {
  statsEmpty: 'Статистика появится, когда в звонке будет кто-то ещё.',
  measuring: 'Идёт измерение…',
  received: 'Входящий',
  sent: 'Исходящий',
  bitrate: 'Битрейт',
  frameRate: 'Частота кадров',
  resolution: 'Разрешение',
  roundTrip: 'Задержка туда и обратно',
  packetLoss: 'Потери пакетов',
  codec: 'Кодек',
  path: 'Путь',
  direct: 'Напрямую',
  relay: 'Через сервер-ретранслятор',
  unknown: 'Пока неизвестно',
  kbps: '{value} кбит/с',
  mbps: '{value} Мбит/с',
  fps: '{value} кадр/с',
  ms: '{value} мс',
  chart: '{metric} за последнюю минуту: {values}',
  lastMinute: 'Графики показывают последнюю минуту, одно измерение раз в 2 секунды.',
};

const messages = catalog<StatsMessageKey>({ en, ru });

/** A statistics panel message in the current language. */
export const tst = messages.t;

/** A number in the current language's way of writing it (decimal comma in Russian). */
export function num(value: number, digits = 0): string {
  return new Intl.NumberFormat(locale.value, {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  }).format(value);
}

/** A bit rate given in kbit/s, in kbit/s below 1 Mbit/s and in Mbit/s above. */
export function bitrate(kbps: number): string {
  return kbps >= 1000
    ? tst('mbps', { value: num(kbps / 1000, 1) })
    : tst('kbps', { value: num(kbps) });
}

/** A share (0..1) as a percentage. */
export function percent(share: number): string {
  return new Intl.NumberFormat(locale.value, {
    style: 'percent',
    maximumFractionDigits: 1,
  }).format(share);
}

/** Every dictionary, for the i18n test. */
export const statsDictionaries = messages.dictionaries;
