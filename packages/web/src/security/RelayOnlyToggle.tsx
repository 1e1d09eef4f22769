import { ct } from './messages';
import { relayOnly, setRelayOnly } from './relayOnly';
import './security.css';

/** The lobby checkbox "Hide my IP address (relay only)"; the choice is remembered. */
export function RelayOnlyToggle() {
  return (
    <div class="relay-only">
      <label class="relay-only__label">
        <input
          type="checkbox"
          class="relay-only__box"
          checked={relayOnly.value}
          aria-describedby="relay-only-hint"
          onChange={(e) => setRelayOnly(e.currentTarget.checked)}
        />
        {ct('relayOnly')}
      </label>
      <span id="relay-only-hint" class="field__hint">
        {ct('relayOnlyHint')}
      </span>
    </div>
  );
}
