import type { Participant } from '@zvonok/sdk';
import { useEffect } from 'preact/hooks';
import { formatDuration, rt } from './messages';
import type { RecordingController } from './RecordingController';
import './Recording.css';
import { withName } from '../ui/Isolated';

/**
 * Consent: everyone in the call sees who is recording it, for as long as it lasts. A
 * `role="status"` that is always present (empty when nobody records), so screen readers
 * announce the change.
 */
export function RecordingBanner({
  controller,
  participants,
}: {
  controller: RecordingController;
  participants: readonly Participant[];
}) {
  const phase = controller.phase.value;
  const lines: Array<{ text: string; name?: string }> = [];
  if (phase === 'recording' || phase === 'stopping') {
    lines.push({
      text: rt('youAreRecording', { time: formatDuration(controller.elapsedMs.value) }),
    });
  }
  for (const p of participants) {
    if (p.recording) {
      const name = p.name ?? rt('guest');
      lines.push({ text: rt('isRecording', { name }), name });
    }
  }
  return (
    <div class={lines.length ? 'rec-banner' : 'rec-banner rec-banner--empty'} role="status">
      {lines.map((line) => (
        <p key={line.text} class="rec-banner__line">
          <span class="rec-banner__dot" aria-hidden="true" />
          {line.name === undefined ? line.text : withName(line.text, line.name)}
        </p>
      ))}
    </div>
  );
}

/**
 * How long "Recording saved" stays: the file is already downloaded when it shows, so it is only
 * a confirmation (with the link again, in case the browser asked where to save and was refused).
 */
export const SAVED_NOTICE_MS = 10_000;

/**
 * "Recording saved" with a download link, small in a corner and gone by itself after a few
 * seconds; recording problems stay until dismissed.
 */
export function RecordingNotices({ controller }: { controller: RecordingController }) {
  const saved = controller.saved.value;
  const problem = controller.problem.value;
  useEffect(() => {
    if (!saved) return;
    const timer = setTimeout(() => {
      if (controller.saved.value === saved) controller.dismissSaved();
    }, SAVED_NOTICE_MS);
    return () => clearTimeout(timer);
  }, [saved]);
  if (!saved && !problem) return null;
  return (
    <div class="rec-notices">
      {problem && (
        <div class="rec-notice rec-notice--problem" role="alert">
          <p>{problem}</p>
          <button
            type="button"
            class="rec-notice__button"
            onClick={() => (controller.problem.value = null)}
          >
            {rt('dismiss')}
          </button>
        </div>
      )}
      {saved && (
        <div class="rec-notice rec-notice--saved" role="group" aria-label={rt('savedTitle')}>
          <p>
            <strong>{rt('savedTitle')}</strong> · {formatDuration(saved.durationMs)}
          </p>
          <div class="rec-notice__actions">
            <a
              class="rec-notice__button rec-notice__button--primary"
              href={saved.url}
              download={saved.fileName}
            >
              {rt('download')}
            </a>
            <button
              type="button"
              class="rec-notice__button"
              onClick={() => controller.dismissSaved()}
            >
              {rt('dismiss')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
