/**
 * The Call on its own entry point (`@zvonok/sdk/call`), so that an app can load signaling and
 * the mesh of peer connections as a chunk of their own, after its first screen (a lobby needs
 * only LocalMedia and the error codes from the main entry).
 */
export { Call } from './Call.js';
