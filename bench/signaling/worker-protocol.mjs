// The messages between the orchestrator (run.mjs) and the load workers (load-worker.mjs), over the
// child_process IPC channel. Types only: both sides import them through JSDoc.
//
// Times are microseconds of the shared monotonic clock (bench/lib/clock.mjs), so the orchestrator
// can tell every worker to start at the same instant and compare what they report.

/**
 * Open one connection per entry of `rooms` (the room it joins) and keep them until `close`.
 * A connection counts as joined once its `peer-list` arrived.
 * @typedef {object} OpenParams
 * @property {string} tag names this set of connections (the server they go to) in later commands
 * @property {string | string[]} url `ws://host:port/ws` (the room is added as `?room=`); with
 *   several (instances sharing rooms through Redis), connection i of this worker goes to url[i % n]
 * @property {string[]} rooms
 * @property {number} concurrency connections being opened at once, at most
 * @property {number} timeoutMs
 */

/**
 * @typedef {object} OpenResult
 * @property {number} joined
 * @property {number} failed refused, closed or timed out before their peer-list
 * @property {string[]} errors the first few reasons
 * @property {number} startedUs when the first connection was started
 * @property {number} lastJoinedUs when the last peer-list arrived
 */

/**
 * Each pair (the two connections of a room) relays offers one way at a fixed rate. The offer's
 * SDP carries the pair, a sequence number and the send time.
 * @typedef {object} RelayParams
 * @property {string} tag the connections to use
 * @property {number} ratePerPair offers per second
 * @property {number} sdpBytes size of each SDP
 * @property {number} startUs
 * @property {number} warmupMs sent and checked for loss, not counted in the latency
 * @property {number} durationMs measured part, after the warm-up
 * @property {number} drainMs how long to wait for stragglers after the last send
 */

/**
 * @typedef {object} RelayResult
 * @property {number} pairs
 * @property {number} sent
 * @property {number} received
 * @property {number} lost sent but not received by the end of the drain
 * @property {number} outOfOrder
 * @property {number} misrouted delivered to a connection that was not its target
 * @property {import('../lib/stats.mjs').HistogramJSON} latencyUs
 * @property {LoadFigures} load
 */

/**
 * The first `chatters` connections of this worker send chat to their room at `msgRate` messages
 * per second in all. Every connection records the chat it receives.
 * @typedef {object} ChatParams
 * @property {string} tag the connections to use
 * @property {number} chatters
 * @property {number} msgRate
 * @property {number} textBytes length of each chat text
 * @property {number} startUs
 * @property {number} warmupMs sent, not measured
 * @property {number} durationMs measured window: messages sent in it are counted and timed
 * @property {number} drainMs at most this long after the window for late deliveries
 */

/**
 * @typedef {object} ChatResult
 * @property {number} sentInWindow
 * @property {number} deliveredInWindow deliveries of the messages sent in the window
 * @property {number} deliveredTotal every chat delivery, warm-up and stragglers included
 * @property {import('../lib/stats.mjs').HistogramJSON} latencyUs
 * @property {LoadFigures} load
 */

/**
 * How hard the load worker itself worked during the measured window: if it was saturated, the
 * figures describe the harness, not the server.
 * @typedef {object} LoadFigures
 * @property {number} cpuPercent of one core
 * @property {number} loopDelayP99Ms event-loop delay
 * @property {number} serverErrors `error` messages received from the server
 * @property {number} unexpectedCloses connections the server closed during the run
 */

/**
 * Close the connections of a tag, or all (closing handshake, then destroy after `timeoutMs`).
 * @typedef {object} CloseParams
 * @property {string} [tag]
 * @property {number} timeoutMs
 */

/**
 * @typedef {object} CloseResult
 * @property {number} closed
 * @property {number} destroyed did not finish the closing handshake in time
 */

/**
 * Command name -> parameters and result.
 * @typedef {object} Commands
 * @property {{ params: OpenParams, result: OpenResult }} open
 * @property {{ params: RelayParams, result: RelayResult }} relay
 * @property {{ params: ChatParams, result: ChatResult }} chat
 * @property {{ params: CloseParams, result: CloseResult }} close
 */

/**
 * @typedef {keyof Commands} CommandName
 */

/**
 * Orchestrator -> worker.
 * @typedef {{ [K in CommandName]: { seq: number, name: K, params: Commands[K]['params'] } }[CommandName]} Request
 */

/**
 * Worker -> orchestrator.
 * @typedef {{ seq: number, ok: true, result: unknown } | { seq: number, ok: false, error: string }} Reply
 */

export {};
