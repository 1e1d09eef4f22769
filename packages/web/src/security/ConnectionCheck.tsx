import { useSignal } from '@preact/signals';
import { checkConnectivity, type ConnectivityReport } from '@zvonok/sdk';
import { useEffect, useRef } from 'preact/hooks';
import { signalingUrl } from '../room/signalingUrl';
import { describeReport } from './describeReport';
import { ct } from './messages';
import './security.css';

const MARKS = { ok: '✓', failed: '✗', skipped: '–' } as const;
const STATUS_WORDS = { ok: 'statusOk', failed: 'statusFailed', skipped: 'statusSkipped' } as const;

/**
 * The lobby's "Check connection": tests the signaling server, STUN and the TURN relay (through
 * the SDK's checkConnectivity) and says in plain words what works. The results sit in a polite
 * live region, so a screen reader reads them when they arrive.
 */
export function ConnectionCheck() {
  const running = useSignal(false);
  const report = useSignal<ConnectivityReport | null>(null);
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );

  const run = async (): Promise<void> => {
    running.value = true;
    report.value = null;
    try {
      const result = await checkConnectivity({ signalingUrl: signalingUrl() });
      if (mounted.current) report.value = result;
    } finally {
      if (mounted.current) running.value = false;
    }
  };

  const lines = report.value ? describeReport(report.value) : [];
  return (
    <div class="check">
      <button
        type="button"
        class="button"
        onClick={() => void run()}
        disabled={running.value}
        aria-describedby="connection-check-results"
      >
        {ct('checkConnection')}
      </button>
      <div id="connection-check-results" class="check__results" role="status" aria-live="polite">
        {running.value && <p class="check__running">{ct('checking')}</p>}
        {lines.length > 0 && (
          <ul class="check__list" aria-label={ct('checkResults')}>
            {lines.map((line) => (
              <li key={line.part} class={`check__line check__line--${line.status}`}>
                <span class="check__mark" aria-hidden="true">
                  {MARKS[line.status]}
                </span>
                <span class="visually-hidden">{ct(STATUS_WORDS[line.status])}: </span>
                <span>{line.text}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
