import { CallError, CallErrorCode } from '@zvonok/sdk';
import { useEffect, useRef } from 'preact/hooks';
import { describeError } from '../errors/errorInfo';
import { ErrorNotice } from '../errors/ErrorNotice';
import { navigate } from '../routing/router';

/** Props of {@link CallEnded}. */
export interface CallEndedProps {
  /** Why; a lost server when unknown. */
  reason: CallError | null;
  onRejoin: () => void;
}

/** Shown over the call when it ended without the person leaving. */
export function CallEnded({ reason, onRejoin }: CallEndedProps) {
  const ref = useRef<HTMLDivElement>(null);
  // Move focus into the notice so keyboard users land on the way forward.
  useEffect(() => ref.current?.querySelector('button')?.focus(), []);
  const info = describeError(
    reason ?? new CallError(CallErrorCode.ServerUnreachable, 'signaling closed'),
  );
  return (
    <div class="call__ended" ref={ref}>
      <ErrorNotice
        info={info}
        handlers={{ rejoin: onRejoin, tryAgain: onRejoin, newCall: () => navigate('/') }}
      />
    </div>
  );
}
