import { RecordIcon } from './icons';
import { rt } from './messages';
import { RecordingController } from './RecordingController';
import './Recording.css';

/**
 * The toolbar's "Record" toggle (`aria-pressed` while recording). Not shown where the browser
 * cannot record a call (Safari records only MP4, old browsers nothing).
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
      aria-pressed={on}
      title={on ? rt('stopRecordingHint') : rt('recordHint')}
      disabled={phase === 'starting' || phase === 'stopping'}
      onClick={() => void controller.toggle()}
    >
      <span class="control__icon">
        <RecordIcon active={on} />
      </span>
      <span class="control__label">{rt('record')}</span>
    </button>
  );
}
