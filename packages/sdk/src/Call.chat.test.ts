import { describe, expect, it } from 'vitest';
import { CallErrorCode } from './errors.js';
import { CallEvent } from './events.js';
import { CallState, type ChatEntry } from './types.js';
import { fullyConnected, useCallBed, waitFor, type Person } from './test/helpers.js';

const bed = useCallBed();

async function join(name: string, room = 'r'): Promise<Person> {
  const p = await bed.person();
  await p.call.join({ room, name });
  return p;
}

const texts = (chat: readonly ChatEntry[]): string[] => chat.map((e) => e.text);

describe('Call: chat', () => {
  it('a message is pending at once, sent when acked, and arrives at the other side with the name', async () => {
    const a = await join('Ann');
    const b = await join('Bob');
    const changes: (readonly ChatEntry[])[] = [];
    a.call.on(CallEvent.ChatChanged, (chat) => changes.push(chat));
    a.call.sendChat('<img src=x onerror=alert(1)>');
    expect(a.call.chat).toMatchObject([{ status: 'pending', mine: true, from: a.call.localId }]);
    await waitFor(() => a.call.chat[0]?.status === 'sent', 'acked');
    expect(changes.length).toBeGreaterThanOrEqual(2);
    await waitFor(() => b.call.chat.length === 1, 'b receives');
    expect(b.call.chat[0]).toMatchObject({
      text: '<img src=x onerror=alert(1)>',
      name: 'Ann',
      from: a.call.localId,
      mine: false,
      status: 'sent',
    });
  });

  it('a late joiner gets the history, in order', async () => {
    const a = await join('Ann');
    const b = await join('Bob');
    a.call.sendChat('one');
    await waitFor(() => b.call.chat.length === 1, 'one');
    b.call.sendChat('two');
    await waitFor(() => a.call.chat.length === 2, 'two');
    a.call.sendChat('three');
    await waitFor(() => a.call.chat.every((e) => e.status === 'sent'), 'all acked');
    const late = await join('Late');
    await waitFor(() => late.call.chat.length === 3, 'history');
    expect(texts(late.call.chat)).toEqual(['one', 'two', 'three']);
    expect(late.call.chat.map((e) => e.name)).toEqual(['Ann', 'Bob', 'Ann']);
  });

  it('a paged history is taken whole once its last page arrived', async () => {
    bed.bus.historyPageSize = 2;
    const a = await join('Ann');
    for (const text of ['one', 'two', 'three', 'four', 'five']) a.call.sendChat(text);
    await waitFor(() => a.call.chat.every((e) => e.status === 'sent'), 'all acked');
    const late = await bed.person();
    const seen: number[] = [];
    late.call.on(CallEvent.ChatChanged, (chat) => seen.push(chat.length));
    await late.call.join({ room: 'r', name: 'Late' });
    await waitFor(() => late.call.chat.length === 5, 'history');
    expect(texts(late.call.chat)).toEqual(['one', 'two', 'three', 'four', 'five']);
    // Never half a history on screen.
    expect(seen).toEqual([5]);
  });

  it('messages typed while signaling is down stay pending and are delivered exactly once after the reconnect', async () => {
    const a = await join('Ann');
    const b = await join('Bob');
    await waitFor(() => fullyConnected([a.call, b.call]), 'connected');
    bed.bus.down = true;
    bed.bus.drop(a.call.localId as string);
    await waitFor(() => a.call.state === CallState.Reconnecting, 'reconnecting');
    a.call.sendChat('while down 1');
    a.call.sendChat('while down 2');
    expect(a.call.chat.map((e) => e.status)).toEqual(['pending', 'pending']);
    bed.bus.down = false;
    await waitFor(() => a.call.state === CallState.Connected, 'back');
    await waitFor(() => a.call.chat.every((e) => e.status === 'sent'), 'acked after resume');
    await waitFor(() => b.call.chat.length === 2, 'b got both');
    expect(texts(b.call.chat)).toEqual(['while down 1', 'while down 2']);
    expect(bed.bus.chatOf('r').map((c) => c.text)).toEqual(['while down 1', 'while down 2']);
  });

  it('a message whose ack was lost is resent after the reconnect and not doubled', async () => {
    const a = await join('Ann');
    const b = await join('Bob');
    a.call.sendChat('once');
    // The server takes the message, but the connection dies before the ack reaches Ann.
    const socket = bed.bus.socketOf(a.call.localId as string);
    await waitFor(() => bed.bus.chatOf('r').length === 1, 'server has it');
    socket?.serverClose(1006, '', true);
    await waitFor(
      () => a.call.state === CallState.Connected && a.call.chat[0]?.status === 'sent',
      'sent after resume',
    );
    await waitFor(() => b.call.chat.length === 1, 'b has it');
    expect(a.call.chat).toHaveLength(1);
    expect(b.call.chat).toHaveLength(1);
    expect(bed.bus.chatOf('r')).toHaveLength(1);
  });

  it('a reconnecting client gets only what it missed, without duplicates', async () => {
    const a = await join('Ann');
    const b = await join('Bob');
    a.call.sendChat('before');
    await waitFor(() => b.call.chat.length === 1, 'before');
    bed.bus.down = true;
    bed.bus.drop(b.call.localId as string);
    await waitFor(() => b.call.state === CallState.Reconnecting, 'b reconnecting');
    a.call.sendChat('missed');
    await waitFor(() => a.call.chat.every((e) => e.status === 'sent'), 'acked');
    bed.bus.down = false;
    await waitFor(() => b.call.chat.length === 2, 'b caught up');
    expect(texts(b.call.chat)).toEqual(['before', 'missed']);
    const rejoin = bed.bus.socketOf(b.call.localId as string)?.sent.find((m) => m.type === 'join');
    expect(rejoin).toMatchObject({ chatSince: 1 });
  });

  it('refuses empty or oversized text and chat outside a call', async () => {
    const idle = await bed.person();
    expect(() => idle.call.sendChat('hi')).toThrow(
      expect.objectContaining({ code: CallErrorCode.InvalidState }),
    );
    const a = await join('Ann');
    expect(() => a.call.sendChat('   ')).toThrow(
      expect.objectContaining({ code: CallErrorCode.InvalidInput }),
    );
    expect(() => a.call.sendChat('x'.repeat(4001))).toThrow(
      expect.objectContaining({ code: CallErrorCode.InvalidInput }),
    );
  });
});
