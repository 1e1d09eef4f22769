import type { Topology } from '@zvonok/protocol';

/** The people count at which a room on the SFU goes back to peer to peer. */
export const BACK_TO_MESH_AT = 2;

/**
 * Where a room's media should travel with `members` people in it: to the SFU once it has more
 * than `meshMax` (when there is an SFU), back to the mesh only at two, so a room that hovers
 * around `meshMax` does not move back and forth with every join and leave.
 */
export function nextTopology(current: Topology, members: number, meshMax: number | null): Topology {
  if (current === 'mesh') return meshMax !== null && members > meshMax ? 'sfu' : 'mesh';
  return members <= BACK_TO_MESH_AT ? 'mesh' : 'sfu';
}
