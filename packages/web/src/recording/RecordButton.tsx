import { RecordIcon } from './icons';
import { formatDuration, rt } from './messages';
import { RecordingController } from './RecordingController';
import './Recording.css';

/**
 * The toolbar's "Record" button; while recording it says "Stop recording", red with the timer
 * in every state (hover and focus too). Its name says what a click does, so it is a plain button
 * (a toggle's name must not change). Not shown where the browser cannot record a call (Safari
 * records only MP4, old browsers nothing).
 */
export function RecordButton({ controller }: { controller: RecordingController }) {
  if (!RecordingController.supported) return null;
  const phase = controller.phase.value;
  const on = phase === 'recording' || phase === 'stopping';
  return (
    <button
      type="button"
      id="control-record"
      class={`control ${on ? 'control--recording' : 'control--default'}`}
      title={on ? rt('stopRecordingHint') : rt('recordHint')}
      disabled={phase === 'starting' || phase === 'stopping'}
      onClick={() => void controller.toggle()}
    >
      <span class="control__icon">
        <RecordIcon active={on} />
        {on && (
          <span class="control__timer" aria-hidden="true">
            {formatDuration(controller.elapsedMs.value)}
          </span>
        )}
      </span>
      <span class="control__label">{on ? rt('stopRecording') : rt('record')}</span>
    </button>
  );
}
