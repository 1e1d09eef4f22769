/** Log levels, most verbose first. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** What the SDK logs through. Quiet by default; pass `createConsoleLogger()` to see it. */
export interface Logger {
  debug(message: string, ...details: unknown[]): void;
  info(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
  /** A logger whose messages carry `namespace` (e.g. `zvonok:mesh`). */
  child(namespace: string): Logger;
}

const LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

/** A logger that drops everything: the default, so the SDK never spams an app's console. */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child() {
    return silentLogger;
  },
};

/**
 * A console logger with namespaces (`zvonok:signal`, `zvonok:mesh:peer`), showing `minLevel` and
 * above.
 */
export function createConsoleLogger(minLevel: LogLevel = 'info', namespace = 'zvonok'): Logger {
  const min = LEVELS.indexOf(minLevel);
  const at =
    (level: LogLevel) =>
    (message: string, ...details: unknown[]): void => {
      if (LEVELS.indexOf(level) < min) return;
      console[level](`[${namespace}] ${message}`, ...details);
    };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (ns) => createConsoleLogger(minLevel, `${namespace}:${ns}`),
  };
}

let rootLogger: Logger = silentLogger;

/** Set the logger that SDK objects created without an explicit one use. */
export function setLogger(logger: Logger): void {
  rootLogger = logger;
}

/** The module logger for `namespace` under the current root logger. */
export function getLogger(namespace: string): Logger {
  return rootLogger.child(namespace);
}
