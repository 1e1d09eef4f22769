import type { Logger } from '../utils/logger.js';
import type { Mesh } from './Mesh.js';

/**
 * Gives every connection of the mesh a new configuration (fresh TURN credentials). A browser
 * uses new ICE servers only for what it gathers next, so a connection whose media runs through
 * our relay (or every connection, relay-only) also restarts ICE: it gets an allocation under the
 * new credentials before the old ones expire, and a TURN server that checks them on refresh
 * cannot end the call. Direct connections are left alone.
 */
export async function renewTurnCredentials(
  mesh: Mesh,
  configuration: RTCConfiguration,
  options: { restartRelayed: boolean; relayOnly: boolean; log: Logger },
): Promise<void> {
  const sessions = mesh.ids().flatMap((id) => mesh.get(id) ?? []);
  for (const session of sessions) {
    try {
      session.pc.setConfiguration(configuration);
    } catch (err) {
      options.log.debug('setConfiguration refused', err);
    }
  }
  if (!options.restartRelayed) return;
  await Promise.all(
    sessions.map(async (session) => {
      if (session.connectionState !== 'connected') return;
      const relayed = options.relayOnly || (await session.selectedPair())?.local === 'relay';
      // The session may have closed or gone while the stats came.
      if (!relayed || mesh.get(session.remoteId) !== session) return;
      options.log.info(`new TURN credentials: ICE restart with ${session.remoteId}`);
      session.restartIce();
    }),
  );
}
