/**
 * The words of link quality on the tiles, in every language the app speaks. They load with the
 * tiles' quality indicators (quality/TileQuality.tsx), not with the first page.
 */
import { catalog } from '../i18n/i18n';

const en = {
  good: 'Good connection',
  fair: 'Fair connection',
  poor: 'Poor connection',
  qualityWith: 'Connection with {name}: {level}',
  qualityOwn: 'Your connection: {level}',
  // Why, for the link with someone (tile of that person).
  none: 'Everything arrives well.',
  reconnecting: 'Reconnecting to {name}…',
  noVideo: '{name}’s video is not arriving.',
  lowFrameRate: '{name}’s video is choppy.',
  loss: '{name}’s connection is unstable.',
  latency: '{name}’s connection is slow: what they say arrives late.',
  jitter: '{name}’s voice arrives unevenly.',
  theirVideoPaused: '{name}’s connection is too weak for video. You still hear them.',
  ourVideoPaused:
    'Your video to {name} is paused: the connection is too weak. They still hear you.',
  uploadLimited: 'Your upload is limited: {name} gets your video smaller.',
  deviceBusy: 'Your device is busy: your video is sent smaller.',
  // Own tile: the uplink.
  ownNone: 'Your connection is good.',
  ownUploadLimited: 'Your upload is limited: others get your video smaller.',
  ownDeviceBusy: 'Your device is busy: your video is sent smaller.',
} as const;

type QualityMessageKey = keyof typeof en;

const ru: Record<QualityMessageKey, string> = {
  good: 'Хорошая связь',
  fair: 'Средняя связь',
  poor: 'Плохая связь',
  // A name is never declined: it stands first, before a colon.
  qualityWith: '{name}: {level}',
  qualityOwn: 'Ваша связь: {level}',
  none: 'Всё приходит хорошо.',
  reconnecting: '{name}: переподключение…',
  noVideo: '{name}: видео не приходит.',
  lowFrameRate: '{name}: видео прерывается.',
  loss: '{name}: связь нестабильна.',
  latency: '{name}: связь медленная, речь приходит с задержкой.',
  jitter: '{name}: голос приходит с перебоями.',
  theirVideoPaused: '{name}: связь слишком слабая для видео. Голос по-прежнему слышен.',
  ourVideoPaused:
    '{name}: ваше видео приостановлено, связь слишком слабая. Вас по-прежнему слышно.',
  uploadLimited: '{name}: ваша исходящая связь ограничена, ваше видео идёт в меньшем качестве.',
  deviceBusy: 'Устройство загружено: ваше видео отправляется в меньшем качестве.',
  ownNone: 'Ваша связь в порядке.',
  ownUploadLimited: 'Ваша исходящая связь ограничена: другие видят вас в меньшем качестве.',
  ownDeviceBusy: 'Устройство загружено: ваше видео отправляется в меньшем качестве.',
};

const messages = catalog<QualityMessageKey>({ en, ru });

/** A link-quality message in the current language. */
export const tq = messages.t;

/** Every dictionary, for the i18n test. */
export const qualityDictionaries = messages.dictionaries;
