/**
 * @packageDocumentation
 * The Zvonok signaling protocol: every wire message as a schema and a type, the error and close
 * codes, and the limits. Shared by the server and the browser SDK; depends on nothing but valibot.
 */
export * from './limits.js';
export * from './errors.js';
export * from './messages.js';
export * from './sfu.js';
export * from './meeting.js';
export * from './parse.js';
export * from './text.js';
