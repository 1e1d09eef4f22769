/**
 * Raised hands and reactions in the call screen, loaded when a call starts (see slots.tsx). The
 * state lives here, over the Call's events; the pieces are placed by the call screen's slots.
 */
import { computed, signal } from '@preact/signals';
import { CallEvent, REACTIONS, type Participant, type Reaction } from '@zvonok/sdk';
import { useEffect, useRef } from 'preact/hooks';
import { playChime } from '../call/extras/sounds';
import { readStored, writeStored } from '../hooks/storage';
import { useShortcuts } from '../hooks/useShortcuts';
import { t } from '../i18n/i18n';
import { Menu, type MenuItem } from '../ui/Menu';
import { HandIcon, ReactIcon } from './icons';
import { mt } from './messages';
import { ReactionPacer } from './ReactionPacer';
import type { MeetingContext, MeetingUi } from './slots';
import { SpeechSpell } from './SpeechSpell';
import './Meeting.css';

/** How long a reaction floats over a tile. */
const REACTION_SHOWN_MS = 4000;
/** How long someone speaks with a raised hand before it lowers itself (when set so). */
const AUTO_LOWER_AFTER_MS = 4000;
const AUTO_LOWER_KEY = 'zvonok.autoLowerHand';

/** One reaction floating over a tile. */
interface Floating {
  readonly key: number;
  readonly emoji: Reaction;
}

/** A raised hand as the list shows it. */
interface Hand {
  readonly id: string;
  readonly name: string;
  readonly at: number;
  readonly self: boolean;
}

/** Makes the meeting pieces for one call. */
export function createMeetingUi({ call, store, session }: MeetingContext): MeetingUi {
  const ownHandAt = signal<number | undefined>(call.localState.hand ? Date.now() : undefined);
  const floating = signal<ReadonlyMap<string, readonly Floating[]>>(new Map());
  /** Polite announcements (hands, reactions); the same text twice gets a trailing space. */
  const live = signal('');
  const autoLower = signal(readStored(AUTO_LOWER_KEY) === '1');
  const pacer = new ReactionPacer();
  const paced = signal(false);
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let nextKey = 0;

  const announce = (text: string): void => {
    live.value = live.value === text ? `${text} ` : text;
  };
  const nameOf = (p: Participant | undefined): string => p?.name ?? t('guest');
  const later = (ms: number, run: () => void): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, ms);
    timers.add(timer);
  };

  const setHand = (on: boolean): void => {
    ownHandAt.value = on ? Date.now() : undefined;
    call.setHand(on);
  };
  const toggleHand = (): void => setHand(ownHandAt.value === undefined);

  const react = (emoji: Reaction): void => {
    if (!pacer.take()) {
      paced.value = true;
      announce(mt('reactionWait'));
      later(pacer.waitMs(), () => (paced.value = false));
      return;
    }
    call.react(emoji);
  };

  // Hands going up and down, and reactions, as they happen.
  const hands = new Map<string, boolean>(
    [...call.participants.values()].map((p) => [p.id, p.hand]),
  );
  const offs = [
    call.on(CallEvent.ParticipantUpdated, (p) => {
      const was = hands.get(p.id) ?? false;
      hands.set(p.id, p.hand);
      if (p.hand === was) return;
      announce(mt(p.hand ? 'handUpAnnouncement' : 'handDownAnnouncement', { name: nameOf(p) }));
      if (p.hand) playChime('hand');
    }),
    call.on(CallEvent.ParticipantJoined, (p) => hands.set(p.id, p.hand)),
    call.on(CallEvent.ParticipantLeft, (p) => hands.delete(p.id)),
    call.on(CallEvent.Reaction, (from, emoji) => {
      const key = ++nextKey;
      const shown = new Map(floating.value);
      shown.set(from, [...(shown.get(from) ?? []), { key, emoji }]);
      floating.value = shown;
      later(REACTION_SHOWN_MS, () => {
        const left = new Map(floating.value);
        const rest = (left.get(from) ?? []).filter((f) => f.key !== key);
        if (rest.length > 0) left.set(from, rest);
        else left.delete(from);
        floating.value = left;
      });
      if (from !== call.localId) {
        announce(mt('reactionAnnouncement', { emoji, name: nameOf(call.participants.get(from)) }));
      }
    }),
  ];

  /** Everyone's raised hands, in the order they went up. */
  const raised = computed<Hand[]>(() => {
    const list: Hand[] = store.participants.value
      .filter((p) => p.hand)
      .map((p) => ({ id: p.id, name: nameOf(p), at: p.handAt ?? 0, self: false }));
    const own = ownHandAt.value;
    if (own !== undefined) list.push({ id: 'self', name: mt('you'), at: own, self: true });
    return list.sort((a, b) => a.at - b.at);
  });

  function HandButton() {
    const up = ownHandAt.value !== undefined;
    return (
      <button
        type="button"
        id="control-hand"
        class={`control control--${up ? 'active' : 'default'}`}
        aria-pressed={up}
        title={mt('raiseHandHint')}
        onClick={toggleHand}
      >
        <span class="control__icon">
          <HandIcon />
        </span>
        <span class="control__label">{mt('raiseHand')}</span>
      </button>
    );
  }

  // The label already shows the emoji (and names the item for screen readers): no icon beside it.
  const reactionItems = (): MenuItem[] =>
    REACTIONS.map((emoji) => ({
      key: `react-${emoji}`,
      label: mt('reactionLabel', { emoji }),
      onSelect: () => react(emoji),
    }));

  function Toolbar() {
    return (
      <>
        <HandButton />
        <Menu
          id="control-react-menu"
          label={mt('react')}
          hint={paced.value ? mt('reactionWait') : mt('reactHint')}
          buttonClass="control control--default control--react"
          items={reactionItems()}
        >
          <span class="control__icon">
            <ReactIcon />
          </span>
          <span class="control__label">{mt('react')}</span>
        </Menu>
      </>
    );
  }

  function TilePiece({ id }: { id: string | undefined }) {
    const key = id ?? call.localId;
    const up =
      id === undefined
        ? ownHandAt.value !== undefined
        : store.participants.value.some((p) => p.id === id && p.hand);
    const shown = key === undefined ? undefined : floating.value.get(key);
    return (
      <>
        {up && (
          <span class="tile__hand" role="img" aria-label={mt('handRaised')}>
            <HandIcon />
          </span>
        )}
        {shown && (
          <div class="tile__reactions" aria-hidden="true">
            {shown.map((f) => (
              <span key={f.key} class="tile__reaction">
                {f.emoji}
              </span>
            ))}
          </div>
        )}
      </>
    );
  }

  function People() {
    const list = raised.value;
    if (list.length === 0) return null;
    return (
      <section class="hands" aria-labelledby="hands-title">
        <h3 id="hands-title" class="hands__title">
          {mt('handsTitle', { count: list.length })}
        </h3>
        <ol class="hands__list">
          {list.map((h) => (
            <li key={h.id} class="hands__item">
              <span class="hands__icon" aria-hidden="true">
                <HandIcon />
              </span>
              <span class="hands__name">{h.name}</span>
              {h.self && (
                <button type="button" class="hands__lower" onClick={() => setHand(false)}>
                  {mt('lowerHand')}
                </button>
              )}
            </li>
          ))}
        </ol>
      </section>
    );
  }

  function Settings() {
    return (
      <fieldset class="settings__group meeting-settings">
        <legend>{mt('meetingSettings')}</legend>
        <label class="meeting-settings__option">
          <input
            type="checkbox"
            checked={autoLower.value}
            onChange={(e) => {
              autoLower.value = e.currentTarget.checked;
              writeStored(AUTO_LOWER_KEY, autoLower.value ? '1' : '0');
            }}
          />
          {mt('autoLower')}
        </label>
      </fieldset>
    );
  }

  function Layer() {
    useShortcuts({ h: toggleHand });
    const media = session.mediaState.value;
    // Heard now by the call's speaker detection, whether or not someone else holds the floor:
    // talking over another person is speaking too.
    const speaking =
      media.micOn && call.localId !== undefined && store.speaking.value.has(call.localId);
    const up = ownHandAt.value !== undefined;
    const watch = autoLower.value && up;
    const spell = useRef(new SpeechSpell());
    const speakingNow = useRef(speaking);
    speakingNow.current = speaking;
    useEffect(() => {
      if (!watch) return;
      spell.current = new SpeechSpell();
      // Speaking for a while with the hand up: the floor was given; the hand comes down.
      const timer = setInterval(() => {
        if (spell.current.sample(speakingNow.current, performance.now()) < AUTO_LOWER_AFTER_MS) {
          return;
        }
        setHand(false);
        announce(mt('ownHandLowered'));
      }, 250);
      return () => clearInterval(timer);
    }, [watch]);
    return (
      <div class="visually-hidden" aria-live="polite">
        {live.value}
      </div>
    );
  }

  return {
    toolbar: Toolbar,
    tile: TilePiece,
    people: People,
    settings: Settings,
    layer: Layer,
    moreItems: () => [
      {
        key: 'hand',
        label: ownHandAt.value === undefined ? mt('raiseHand') : mt('lowerHand'),
        icon: <HandIcon />,
        checked: ownHandAt.value !== undefined,
        onSelect: toggleHand,
      },
      ...reactionItems(),
    ],
    dispose: () => {
      for (const off of offs) off();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
