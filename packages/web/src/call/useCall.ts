import type { Call } from '@zvonok/sdk';
import { useEffect, useMemo } from 'preact/hooks';
import { CallStore } from './CallStore';

/**
 * Signals over a Call for a component: subscribes to the SDK's events on mount and
 * unsubscribes on unmount (or when the Call changes).
 */
export function useCall(call: Call): CallStore {
  const store = useMemo(() => new CallStore(call), [call]);
  useEffect(() => store.connect(), [store]);
  return store;
}
