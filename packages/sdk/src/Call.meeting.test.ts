import { describe, expect, it } from 'vitest';
import { CallEvent } from './events.js';
import { ParticipantStore } from './participants/ParticipantStore.js';
import { PeerLinkState } from './types.js';
import { useCallBed, waitFor } from './test/helpers.js';

const bed = useCallBed();

const streams = () => ({ stream: new MediaStream(), screenStream: new MediaStream() });

describe('raised hands', () => {
  it('keeps the server time of hands listed on joining, and orders later ones after them', () => {
    const store = new ParticipantStore();
    // Listed by the server: a clock far ahead of ours.
    const ahead = Date.now() + 60_000;
    store.upsert(
      { id: 'b', hand: true, handAt: ahead },
      streams(),
      'new',
      PeerLinkState.Connecting,
    );
    store.upsert({ id: 'c' }, streams(), 'new', PeerLinkState.Connecting);
    expect(store.get('b')?.handAt).toBe(ahead);
    expect(store.get('c')?.handAt).toBeUndefined();
    // C raises a hand now: after B's, whatever the clocks say.
    const c = store.applyState('c', { hand: true });
    expect(c?.handAt).toBeGreaterThan(ahead);
    // Lowered: no time left behind; raised again, it goes to the end.
    expect(store.applyState('b', { hand: false })?.handAt).toBeUndefined();
    expect(store.applyState('b', { hand: true })?.handAt).toBeGreaterThan(c!.handAt!);
  });

  it('a hand raised by one call is seen by the other with its time', async () => {
    const ann = await bed.person();
    const bob = await bed.person();
    await ann.call.join({ room: 'h', name: 'Ann' });
    await bob.call.join({ room: 'h', name: 'Bob' });
    const bobId = bob.call.localId as string;
    await waitFor(() => ann.call.participants.has(bobId), 'ann knows bob');
    bob.call.setHand(true);
    await waitFor(() => ann.call.participants.get(bobId)?.hand === true, 'hand seen');
    expect(ann.call.participants.get(bobId)?.handAt).toBeTypeOf('number');
    bob.call.setHand(false);
    await waitFor(() => ann.call.participants.get(bobId)?.hand === false, 'hand down');
    expect(ann.call.participants.get(bobId)?.handAt).toBeUndefined();
  });
});

describe('reactions', () => {
  it('a reaction reaches the others and the sender at once, with who sent it', async () => {
    const ann = await bed.person();
    const bob = await bed.person();
    await ann.call.join({ room: 'r', name: 'Ann' });
    await bob.call.join({ room: 'r', name: 'Bob' });
    const annGot: string[] = [];
    const bobGot: string[] = [];
    ann.call.on(CallEvent.Reaction, (from, emoji) => annGot.push(`${from} ${emoji}`));
    bob.call.on(CallEvent.Reaction, (from, emoji) => bobGot.push(`${from} ${emoji}`));
    ann.call.react('🎉');
    const annId = ann.call.localId as string;
    expect(annGot).toEqual([`${annId} 🎉`]);
    await waitFor(() => bobGot.length === 1, 'bob sees it');
    expect(bobGot).toEqual([`${annId} 🎉`]);
  });
});
