/**
 * CPU time of one Chromium and all its child processes (renderers, GPU, network, audio), read
 * from /proc. Each browser of the benchmark gets a marker flag of its own in its command line
 * (Chromium ignores flags it does not know), which finds its main process; the children are
 * found through their parent ids.
 */
import { readFileSync, readdirSync } from 'node:fs';

/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** CPU ms (user + system) a process has used so far. */
function readCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may contain spaces: count fields after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

function parentOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return -1;
  }
}

function pids(): number[] {
  return readdirSync('/proc')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
}

/** The main process of the browser launched with `marker` in its arguments. */
export function findBrowser(marker: string): number | undefined {
  for (const pid of pids()) {
    try {
      const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (argv.includes(marker) && !argv.some((a) => a.startsWith('--type='))) return pid;
    } catch {
      // gone meanwhile
    }
  }
  return undefined;
}

/** CPU ms used so far by `root` and every process below it. */
export function treeCpuMs(root: number): number {
  const all = pids();
  const parents = new Map(all.map((p) => [p, parentOf(p)]));
  const inTree = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, parent] of parents) {
      if (!inTree.has(pid) && inTree.has(parent)) {
        inTree.add(pid);
        grew = true;
      }
    }
  }
  let ms = 0;
  for (const pid of inTree) {
    try {
      ms += readCpuMs(pid);
    } catch {
      // exited meanwhile
    }
  }
  return ms;
}
