import { describe, expect, test, vi } from 'vitest';
import { ChunkLog, type ChunkSink } from './ChunkLog.js';
import { RecordingErrorCode, type RecordingError } from './errors.js';

interface Call {
  id: string;
  seq: number;
  text: string;
  durationMs: number;
}

/** A sink whose writes finish when the test says, to prove ordering. */
class FakeSink implements ChunkSink {
  readonly calls: Call[] = [];
  readonly pending: { resolve: () => void; reject: (e: unknown) => void }[] = [];
  inFlight = 0;
  maxInFlight = 0;

  async appendChunk(id: string, seq: number, data: Blob, durationMs: number): Promise<void> {
    this.calls.push({ id, seq, text: await data.text(), durationMs });
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      await new Promise<void>((resolve, reject) => this.pending.push({ resolve, reject }));
    } finally {
      this.inFlight--;
    }
  }

  /** Settles the oldest pending write once it has started. */
  async settle(ok = true): Promise<void> {
    await vi.waitFor(() => expect(this.pending.length).toBeGreaterThan(0));
    const next = this.pending.shift()!;
    if (ok) next.resolve();
    else next.reject(new Error('QuotaExceededError'));
  }
}

const blob = (text: string): Blob => new Blob([text]);

describe('ChunkLog', () => {
  test('writes chunks one at a time, in order, numbered from 0, with their durations', async () => {
    const sink = new FakeSink();
    const log = new ChunkLog('rec', sink, () => undefined);
    log.add(blob('a'), 1000);
    log.add(blob('bb'), 2000);
    log.add(blob('ccc'), 3000);
    for (let i = 0; i < 3; i++) await sink.settle();
    await log.flush();
    expect(sink.calls).toEqual([
      { id: 'rec', seq: 0, text: 'a', durationMs: 1000 },
      { id: 'rec', seq: 1, text: 'bb', durationMs: 2000 },
      { id: 'rec', seq: 2, text: 'ccc', durationMs: 3000 },
    ]);
    expect(sink.maxInFlight).toBe(1);
    expect(log.stored).toBe(3);
    expect(log.bytes).toBe(6);
    expect(log.durationMs).toBe(3000);
    expect(await new Blob([...log.parts]).text()).toBe('abbccc');
  });

  test('flush waits for the writes still in flight', async () => {
    const sink = new FakeSink();
    const log = new ChunkLog('rec', sink, () => undefined);
    log.add(blob('a'), 1000);
    let flushed = false;
    const flushing = log.flush().then(() => {
      flushed = true;
    });
    await vi.waitFor(() => expect(sink.pending).toHaveLength(1));
    expect(flushed).toBe(false);
    await sink.settle();
    await flushing;
    expect(flushed).toBe(true);
  });

  test('empty chunks use no sequence number but still advance the duration', async () => {
    const sink = new FakeSink();
    const log = new ChunkLog('rec', sink, () => undefined);
    log.add(blob('a'), 1000);
    log.add(blob(''), 2000);
    log.add(blob('b'), 3000);
    await sink.settle();
    await sink.settle();
    await log.flush();
    expect(sink.calls.map((c) => [c.seq, c.text])).toEqual([
      [0, 'a'],
      [1, 'b'],
    ]);
    expect(log.parts).toHaveLength(2);
    expect(log.durationMs).toBe(3000);
  });

  test('without a sink, chunks are kept in memory only', async () => {
    const log = new ChunkLog('rec', undefined, () => undefined);
    log.add(blob('a'), 1000);
    await log.flush();
    expect(log.parts).toHaveLength(1);
    expect(log.stored).toBe(0);
  });

  describe('failure cases', () => {
    test('a failed write is reported once and stops copying; memory keeps every chunk', async () => {
      const sink = new FakeSink();
      const errors: RecordingError[] = [];
      const log = new ChunkLog('rec', sink, (e) => errors.push(e));
      log.add(blob('a'), 1000);
      log.add(blob('b'), 2000);
      log.add(blob('c'), 3000);
      await sink.settle(true);
      await sink.settle(false);
      await log.flush();
      log.add(blob('d'), 4000);
      await log.flush();
      // 'c' was queued before the failure and is skipped; 'd' is never sent.
      expect(sink.calls.map((c) => c.text)).toEqual(['a', 'b']);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ code: RecordingErrorCode.StorageFailed });
      expect(log.storageFailed).toBe(true);
      expect(log.stored).toBe(1);
      expect(await new Blob([...log.parts]).text()).toBe('abcd');
    });
  });
});
