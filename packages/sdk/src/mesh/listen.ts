/**
 * Adds a listener to a session's peer connection. The session removes every such listener when
 * it closes, so the parts it is made of never hold one past the session's life.
 */
export type PeerConnectionListen = <K extends keyof RTCPeerConnectionEventMap>(
  type: K,
  listener: (event: RTCPeerConnectionEventMap[K]) => void,
) => void;
