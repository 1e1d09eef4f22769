import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

/** A child process whose output is kept (for failure messages) and can be searched. */
export interface Managed {
  readonly child: ChildProcess;
  /** Everything written to stdout and stderr so far, interleaved. */
  output(): string;
  /** Resolves with the first match of `pattern` in the output, rejects on exit or timeout. */
  waitForOutput(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray>;
  /** True once the process has exited. */
  exited(): boolean;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
  stop(graceMs?: number): Promise<void>;
  /** Sends a signal to the process (SIGSTOP, SIGCONT, SIGKILL...) without waiting. */
  signal(sig: NodeJS.Signals): void;
  /** Resolves when the process has exited (at once if it already has). */
  waitForExit(): Promise<void>;
}

/** Output kept per process; older output is dropped so that a chatty process cannot eat memory. */
const MAX_KEPT_OUTPUT = 256 * 1024;

/** Children still running; killed when this process exits so none outlives a worker. */
const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function killLiveChildren(): void {
  for (const child of live) child.kill('SIGKILL');
}

/**
 * Spawns `cmd` with its output captured. If the test process exits (normally or on an uncaught
 * error) while the child runs, the child is killed with it.
 */
export function launch(cmd: string, args: string[], options: SpawnOptions = {}): Managed {
  if (!exitHookInstalled) {
    process.once('exit', killLiveChildren);
    exitHookInstalled = true;
  }
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
  live.add(child);
  let out = '';
  let hasExited = false;
  const waiters = new Set<() => void>();
  const onData = (chunk: Buffer): void => {
    out += chunk.toString('utf8');
    if (out.length > MAX_KEPT_OUTPUT) out = out.slice(-MAX_KEPT_OUTPUT);
    for (const w of waiters) w();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exitPromise = new Promise<void>((resolve) => {
    const done = (): void => {
      hasExited = true;
      live.delete(child);
      for (const w of waiters) w();
      resolve();
    };
    // 'error' covers a missing binary; 'exit' everything else.
    child.once('exit', done);
    child.once('error', (err) => {
      out += `\n[spawn error] ${err.message}\n`;
      done();
    });
  });

  const managed: Managed = {
    child,
    output: () => out,
    exited: () => hasExited,
    waitForExit: () => exitPromise,
    waitForOutput(pattern, timeoutMs) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          const m = out.match(pattern);
          if (m) {
            cleanup();
            resolve(m);
          } else if (hasExited) {
            cleanup();
            reject(
              new Error(
                `${cmd} exited (code ${String(child.exitCode)}, signal ${String(child.signalCode)}) ` +
                  `before printing ${String(pattern)}. Output:\n${out}`,
              ),
            );
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(
            new Error(
              `${cmd} did not print ${String(pattern)} in ${timeoutMs} ms. Output:\n${out}`,
            ),
          );
        }, timeoutMs);
        const cleanup = (): void => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    signal(sig) {
      if (!hasExited) child.kill(sig);
    },
    async stop(graceMs = 5000) {
      if (hasExited) return;
      // A stopped (SIGSTOP) process cannot handle SIGTERM until continued.
      child.kill('SIGCONT');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exitPromise;
      clearTimeout(timer);
    },
  };
  return managed;
}
