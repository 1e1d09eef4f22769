import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MeetingContext } from './slots';

describe('loadMeetingUi', () => {
  afterEach(() => {
    vi.doUnmock('./MeetingUi');
    vi.resetModules();
  });

  it('leaves the places empty, with no unhandled error, when the features cannot be fetched', async () => {
    vi.doMock('./MeetingUi', () => Promise.reject(new Error('offline')));
    const { loadMeetingUi, meetingUi } = await import('./slots');
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
      const undo = loadMeetingUi({} as MeetingContext);
      await expect(import('./MeetingUi')).rejects.toThrow();
      // Node reports a rejection nobody handled once the current tasks are done.
      await new Promise((resolve) => setImmediate(resolve));
      expect(meetingUi.value).toBeNull();
      expect(unhandled).not.toHaveBeenCalled();
      undo();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });
});
