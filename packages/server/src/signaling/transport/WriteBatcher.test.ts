import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { WriteBatcher } from './WriteBatcher.js';

/** A socket that records writes and what left while corked as one batch. */
function fakeSocket() {
  const sent: string[][] = [];
  let corked = 0;
  let held: string[] = [];
  const socket = {
    get writableCorked() {
      return corked;
    },
    cork() {
      corked++;
    },
    uncork() {
      corked--;
      if (corked === 0 && held.length > 0) {
        sent.push(held);
        held = [];
      }
    },
    write(chunk: Buffer) {
      if (corked > 0) held.push(chunk.toString());
      else sent.push([chunk.toString()]);
      return true;
    },
  };
  return { socket: socket as unknown as Socket, sent };
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('WriteBatcher', () => {
  it('writes the first frame of a turn at once, without waiting for the turn to end', () => {
    const batcher = new WriteBatcher();
    const { socket, sent } = fakeSocket();
    batcher.write(socket, Buffer.from('a'));
    expect(sent).toEqual([['a']]);
  });

  it('coalesces the further frames of one turn for a socket into one write after the turn', async () => {
    const batcher = new WriteBatcher();
    const one = fakeSocket();
    const two = fakeSocket();
    for (const c of ['a', 'b', 'c']) batcher.write(one.socket, Buffer.from(c));
    batcher.write(two.socket, Buffer.from('x'));
    expect(one.sent).toEqual([['a']]);
    expect(two.sent).toEqual([['x']]);
    await nextTurn();
    await nextTurn();
    expect(one.sent).toEqual([['a'], ['b', 'c']]);
    expect(one.socket.writableCorked).toBe(0);
    // A new turn: the first frame goes straight out again.
    batcher.write(one.socket, Buffer.from('d'));
    expect(one.sent.at(-1)).toEqual(['d']);
  });
});
