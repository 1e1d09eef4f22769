/**
 * The meeting features' words (raised hands, reactions), in every language the app speaks. Kept
 * beside the feature, loaded with it; it follows the app's current language.
 */
import { catalog } from '../i18n/i18n';

const en = {
  raiseHand: 'Raise hand',
  lowerHand: 'Lower hand',
  raiseHandHint: 'Ask to speak (H)',
  handRaised: 'Hand raised',
  handsTitle: '{count, plural, one {# raised hand} other {# raised hands}}',
  you: 'You',
  handUpAnnouncement: 'Hand raised: {name}',
  handDownAnnouncement: 'Hand lowered: {name}',
  ownHandLowered: 'You spoke, so your hand was lowered.',
  react: 'React',
  reactHint: 'Send a reaction everyone sees for a moment',
  reactionLabel: 'Reaction {emoji}',
  reactionWait: 'Too many reactions at once: wait a moment.',
  reactionAnnouncement: 'Reaction {emoji}: {name}',
  autoLower: 'Lower my raised hand once I have been speaking for a few seconds',
  meetingSettings: 'Raised hand',
} as const;

type MeetingMessageKey = keyof typeof en;

const ru: Record<MeetingMessageKey, string> = {
  raiseHand: 'Поднять руку',
  lowerHand: 'Опустить руку',
  raiseHandHint: 'Попросить слова (H)',
  handRaised: 'Рука поднята',
  handsTitle:
    '{count, plural, one {# поднятая рука} few {# поднятые руки} many {# поднятых рук} other {# поднятой руки}}',
  you: 'Вы',
  handUpAnnouncement: 'Рука поднята: {name}',
  handDownAnnouncement: 'Рука опущена: {name}',
  ownHandLowered: 'Вы заговорили, поэтому ваша рука опущена.',
  react: 'Реакция',
  reactHint: 'Отправить реакцию, которую все увидят на мгновение',
  reactionLabel: 'Реакция {emoji}',
  reactionWait: 'Слишком много реакций подряд: подождите немного.',
  reactionAnnouncement: 'Реакция {emoji}: {name}',
  autoLower: 'Опускать поднятую руку, когда я говорю несколько секунд',
  meetingSettings: 'Поднятая рука',
};

const messages = catalog<MeetingMessageKey>({ en, ru });

/** Both dictionaries, for the test that keeps every language complete (i18n.test.ts). */
export const meetingDictionaries = messages.dictionaries;

/** A meeting message in the current language, placeholders filled. */
export const mt = messages.t;
