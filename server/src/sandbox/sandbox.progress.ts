import fs from 'node:fs';

/**
 * How far a program had got when the runner stopped it at its time limit:
 * the kernel's per-process I/O and CPU counters of the container's processes,
 * read from the host's /proc just before the kill. A judge can then measure a
 * slow-but-working program by the input it consumed instead of zeroing it.
 */
export interface RunProgress {
  /** Bytes the processes had read through read(2)-family calls (`rchar` of /proc/<pid>/io, summed). */
  readBytes: number;
  /** User + system CPU of those processes at that moment (/proc/<pid>/stat utime + stime). */
  cpuMs: number;
  /** When the counters were read, in ms since the program started. */
  atMs: number;
  method: string;
}

export const PROGRESS_METHOD = 'rchar of /proc/<pid>/io and utime+stime of /proc/<pid>/stat, summed over the program\'s processes, read from the host just before the time-limit kill';

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ: 100 on every Linux ABI Node runs on). */
const USER_HZ = 100;

/** `rchar` of a /proc/<pid>/io file (every byte returned by read-family calls, cache hits included). */
export function parseIoRchar(text: string): number | null {
  const m = /^rchar:\s*(\d+)$/m.exec(text);
  return m ? Number(m[1]) : null;
}

/** utime + stime, in ms, of a /proc/<pid>/stat line (fields 14 and 15; the command may hold spaces and parentheses). */
export function parseStatCpuMs(text: string): number | null {
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // After "pid (comm) ", field 3 (state) is index 0, so utime (14) is index 11 and stime (15) index 12.
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return Number.isFinite(utime) && Number.isFinite(stime) ? ((utime + stime) * 1000) / USER_HZ : null;
}

/** Pids of `root` and all its descendants (through every thread's children list). */
export function processTree(root: number, read: (file: string) => string | null = readOrNull, list: (dir: string) => string[] = listOrEmpty): number[] {
  const seen = new Set<number>();
  const queue = [root];
  while (queue.length) {
    const pid = queue.shift()!;
    if (seen.has(pid)) continue;
    seen.add(pid);
    for (const tid of list(`/proc/${pid}/task`)) {
      const children = read(`/proc/${pid}/task/${tid}/children`);
      for (const child of children?.trim().split(/\s+/) ?? []) if (child) queue.push(Number(child));
    }
  }
  return [...seen];
}

/**
 * Reads the progress counters of the process tree under `hostPid` (the
 * container's init). Null when /proc of the host is not readable (e.g. the
 * runner itself runs in a container without the host's pid namespace).
 */
export function readProgress(hostPid: number, startedAt: number, read: (file: string) => string | null = readOrNull, list?: (dir: string) => string[]): RunProgress | null {
  if (!hostPid) return null;
  let readBytes = 0;
  let cpuMs = 0;
  let seen = 0;
  for (const pid of processTree(hostPid, read, list)) {
    const rchar = parseIoRchar(read(`/proc/${pid}/io`) ?? '');
    const cpu = parseStatCpuMs(read(`/proc/${pid}/stat`) ?? '');
    if (rchar === null || cpu === null) continue;
    readBytes += rchar;
    cpuMs += cpu;
    seen++;
  }
  return seen ? { readBytes, cpuMs, atMs: Date.now() - startedAt, method: PROGRESS_METHOD } : null;
}

function readOrNull(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

function listOrEmpty(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}
