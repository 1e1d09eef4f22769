/**
 * The call screen (the SDK's Call and the whole call view: chat, people, settings,
 * verification, recording, screen sharing) is its own chunk, so the first screen (landing and
 * lobby) downloads only what it shows. The lobby starts loading it at once (see
 * {@link preloadCallScreen}), so joining does not wait for it; the service worker caches it with
 * the rest of the shell, so it loads offline too.
 */
import { signal } from '@preact/signals';
import { CallError, CallErrorCode } from '@zvonok/sdk';
import type * as CallScreenModule from './callScreenModule';

/** What the call chunk provides. */
export type CallScreen = typeof CallScreenModule;

/** The loaded call screen, once it is (the room page renders from it synchronously). */
export const callScreen = signal<CallScreen | null>(null);

let loading: Promise<CallScreen> | undefined;

/**
 * Loads the call screen once (later calls share the same promise). A failed load (the network
 * went away before the chunk arrived) is forgotten, so the next attempt tries again, and is
 * reported as {@link CallErrorCode.ServerUnreachable}: what the person can do is the same.
 */
export function loadCallScreen(): Promise<CallScreen> {
  loading ??= import('./callScreenModule').then(
    (module) => {
      callScreen.value = module;
      return module;
    },
    (error: unknown) => {
      loading = undefined;
      throw new CallError(CallErrorCode.ServerUnreachable, 'The call screen could not be loaded', {
        cause: error,
      });
    },
  );
  return loading;
}

/** Starts loading the call screen in the background (from the lobby); failures wait for Join. */
export function preloadCallScreen(): void {
  loadCallScreen().catch(() => undefined);
}
