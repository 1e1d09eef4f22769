import { ErrorCode, type ClientMessage } from '@zvonok/protocol';
import { describe, expect, it } from 'vitest';
import { ChatRetry } from './chat/ChatRetry.js';
import { CallErrorCode, type CallError } from './errors.js';
import { CallEvent } from './events.js';
import { type FakeWebSocket } from './test/InMemorySignalBus.js';
import { useCallBed, waitFor, type Person } from './test/helpers.js';

const bed = useCallBed();

async function join(name: string): Promise<Person> {
  const p = await bed.person({ timings: { chatRetryMs: 20 } });
  await p.call.join({ room: 'r', name });
  return p;
}

/** The server answers the next `count` chats with `code` instead of keeping them. */
function refuseChats(count: number, code: ErrorCode): void {
  const onFrame = bed.bus.onFrame.bind(bed.bus);
  let left = count;
  bed.bus.onFrame = (socket: FakeWebSocket, data: string) => {
    if (left > 0 && (JSON.parse(data) as ClientMessage).type === 'chat') {
      left--;
      socket.deliver({ type: 'error', code, message: 'not now', ref: 'chat' });
      return;
    }
    onFrame(socket, data);
  };
}

function chatsSentBy(p: Person): ClientMessage[] {
  const socket = [...bed.bus.sockets].find((s) => s.memberId === p.call.localId)!;
  return socket.sent.filter((m) => m.type === 'chat');
}

describe('Call: chat the server could not keep for now', () => {
  for (const code of [ErrorCode.Internal, ErrorCode.RateLimited]) {
    it(`stays pending and goes out again by itself after ${code}, once`, async () => {
      const ann = await join('Ann');
      const bob = await join('Bob');
      const errors: CallError[] = [];
      ann.call.on(CallEvent.Error, (e) => errors.push(e));
      refuseChats(2, code);

      ann.call.sendChat('hello through an outage');
      await waitFor(() => chatsSentBy(ann).length === 2, 'a first resend');
      expect(ann.call.chat).toMatchObject([{ status: 'pending' }]);

      await waitFor(() => ann.call.chat[0]?.status === 'sent', 'kept at the third try');
      await waitFor(() => bob.call.chat.length === 1, 'Bob gets it');
      const sent = chatsSentBy(ann);
      expect(sent).toHaveLength(3);
      expect(new Set(sent.map((m) => (m.type === 'chat' ? m.id : '')))).toHaveProperty('size', 1);
      expect(bob.call.chat.map((e) => e.text)).toEqual(['hello through an outage']);
      // Nothing to tell the person: the message only waited.
      expect(errors).toEqual([]);
    });
  }

  it('after CHAT_RATE_LIMITED tells the person once (CALL_ERR_CHAT_RATE_LIMITED) and sends it again by itself', async () => {
    const ann = await join('Ann');
    const bob = await join('Bob');
    const errors: CallError[] = [];
    ann.call.on(CallEvent.Error, (e) => errors.push(e));
    refuseChats(3, ErrorCode.ChatRateLimited);
    ann.call.sendChat('too fast');
    await waitFor(() => ann.call.chat[0]?.status === 'sent', 'kept once the limit allows');
    await waitFor(() => bob.call.chat.length === 1, 'Bob gets it');
    expect(errors.map((e) => e.code)).toEqual([CallErrorCode.ChatRateLimited]);
  });

  it('other refusals of a chat are still reported', async () => {
    const ann = await join('Ann');
    const errors: CallError[] = [];
    ann.call.on(CallEvent.Error, (e) => errors.push(e));
    refuseChats(1, ErrorCode.BadMessage);
    ann.call.sendChat('x');
    await waitFor(() => errors.length === 1, 'reported');
    expect(chatsSentBy(ann)).toHaveLength(1);
  });
});

describe('ChatRetry', () => {
  it('waits twice as long each time up to 15 s, and from the start again after a reset', () => {
    const waits: number[] = [];
    const due: (() => void)[] = [];
    const realSetTimeout = globalThis.setTimeout;
    globalThis.setTimeout = ((fn: () => void, ms: number) => {
      waits.push(ms);
      due.push(fn);
      return waits.length;
    }) as typeof setTimeout;
    try {
      let resent = 0;
      const retry = new ChatRetry(() => resent++, 1_000);
      for (let i = 0; i < 6; i++) {
        retry.schedule();
        // A second failure while a resend waits does not add a timer.
        retry.schedule();
        due.shift()?.();
      }
      expect(resent).toBe(6);
      retry.reset();
      retry.schedule();
      expect(retry.scheduled).toBe(true);
      retry.cancel();
      expect(retry.scheduled).toBe(false);
    } finally {
      globalThis.setTimeout = realSetTimeout;
    }
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 15_000, 15_000, 1_000]);
  });
});
