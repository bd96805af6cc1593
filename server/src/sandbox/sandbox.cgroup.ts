import fs from 'node:fs';
import path from 'node:path';

/**
 * Reading a container's cgroup on either cgroup version. The files and keys
 * differ; what Assay needs from them does not:
 *
 * | need | cgroup v1 | cgroup v2 |
 * |---|---|---|
 * | the container's processes | `memory/<path>/cgroup.procs` | `<path>/cgroup.procs` |
 * | anonymous memory | `memory.stat` `total_rss` | `memory.stat` `anon` |
 * | tmpfs data | `memory.stat` `total_shmem` | `memory.stat` `shmem` |
 * | OOM kills | `memory.oom_control` `oom_kill` | `memory.events` `oom_kill` |
 * | CPU | `cpuacct.usage_user` / `usage_sys` (ns) | `cpu.stat` `user_usec` / `system_usec` |
 *
 * Page cache (`total_cache` / `file`) is never used: reading a big file fills
 * it up to the limit without the program holding any of it.
 */
export type CgroupVersion = 1 | 2;

/** Where the host's proc and cgroup filesystems are (overridable for tests on recorded files). */
export interface HostRoots {
  /** @defaultValue /proc */
  proc: string;
  /** @defaultValue /sys/fs/cgroup */
  cgroup: string;
}

export const HOST_ROOTS: HostRoots = { proc: '/proc', cgroup: '/sys/fs/cgroup' };

export interface CgroupFiles {
  version: CgroupVersion;
  /** Lists the host pids of the container's processes. */
  procs: string;
  memoryStat: string;
  /** `memory.events` (v2) or `memory.oom_control` (v1): both carry `oom_kill <count>`. */
  oomEvents: string;
  cpu: { kind: 'usage'; user: string; sys: string } | { kind: 'stat'; stat: string } | null;
  /** Root of the host's /proc, where each process's status is read. */
  procRoot: string;
}

/**
 * The host's cgroup version: v2 when the unified hierarchy is mounted at the
 * cgroup root (it has `cgroup.controllers`). A v1 or hybrid host (v1
 * controllers, systemd's unified tree under `unified/`) has none there.
 */
export function detectCgroupVersion(cgroupRoot = HOST_ROOTS.cgroup): CgroupVersion {
  return fs.existsSync(path.join(cgroupRoot, 'cgroup.controllers')) ? 2 : 1;
}

interface CgroupLine {
  /** Hierarchy id: `0` is the unified (v2) hierarchy. */
  id: string;
  controllers: string[];
  path: string;
}

/** Lines of /proc/<pid>/cgroup: `hierarchy-id:controllers:path`. */
function parseProcCgroup(text: string): CgroupLine[] {
  return text
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [id = '', controllers = '', ...rest] = line.split(':');
      return { id, controllers: controllers.split(',').filter(Boolean), path: rest.join(':') };
    });
}

/**
 * The cgroup files of a process, from its /proc/<pid>/cgroup text, for a host
 * of the given version. Pure: says where the files would be, not whether
 * they exist. Undefined when the process is in no memory cgroup of that version.
 */
export function cgroupFilesFor(procCgroup: string, version: CgroupVersion, roots: HostRoots = HOST_ROOTS): CgroupFiles | undefined {
  const lines = parseProcCgroup(procCgroup);
  if (version === 2) {
    const unified = lines.find((l) => l.id === '0' && l.controllers.length === 0);
    if (!unified) return undefined;
    const dir = path.join(roots.cgroup, unified.path);
    return {
      version, procs: path.join(dir, 'cgroup.procs'), memoryStat: path.join(dir, 'memory.stat'), oomEvents: path.join(dir, 'memory.events'),
      cpu: { kind: 'stat', stat: path.join(dir, 'cpu.stat') }, procRoot: roots.proc,
    };
  }
  const memory = lines.find((l) => l.controllers.includes('memory'));
  if (!memory) return undefined;
  const dir = path.join(roots.cgroup, 'memory', memory.path);
  const cpuacct = lines.find((l) => l.controllers.includes('cpuacct'));
  // Mounted as cpu,cpuacct or cpuacct depending on the distribution: the first that exists wins (see findCgroupFiles).
  const cpuDir = cpuacct ? path.join(roots.cgroup, cpuacct.controllers.join(','), cpuacct.path) : undefined;
  return {
    version, procs: path.join(dir, 'cgroup.procs'), memoryStat: path.join(dir, 'memory.stat'), oomEvents: path.join(dir, 'memory.oom_control'),
    cpu: cpuDir ? { kind: 'usage', user: path.join(cpuDir, 'cpuacct.usage_user'), sys: path.join(cpuDir, 'cpuacct.usage_sys') } : null,
    procRoot: roots.proc,
  };
}

/** `key value` lines (memory.stat, memory.events, cpu.stat) as numbers. */
export function parseFlatKeyed(text: string): Map<string, number> {
  const values = new Map<string, number>();
  for (const line of text.split('\n')) {
    const [key, value] = line.trim().split(/\s+/);
    if (key && value !== undefined && /^\d+$/.test(value)) values.set(key, Number(value));
  }
  return values;
}

export interface CgroupMemory {
  /** Anonymous memory of the whole cgroup (heap, stacks, buffers), hierarchical on v1. */
  anonBytes: number;
  /** tmpfs / shared memory pages. */
  shmemBytes: number;
}

/** The figures Assay uses from `memory.stat`, on either version. */
export function parseMemoryStat(text: string, version: CgroupVersion): CgroupMemory {
  const v = parseFlatKeyed(text);
  return version === 2
    ? { anonBytes: v.get('anon') ?? 0, shmemBytes: v.get('shmem') ?? 0 }
    : { anonBytes: v.get('total_rss') ?? v.get('rss') ?? 0, shmemBytes: v.get('total_shmem') ?? v.get('shmem') ?? 0 };
}

/** Processes the kernel's OOM killer has killed in the cgroup (`oom_kill`, v1 kernels ≥ 4.13 and v2). */
export function parseOomKills(text: string): number {
  return parseFlatKeyed(text).get('oom_kill') ?? 0;
}

/** CPU time of the cgroup in ms: v1 counts nanoseconds in two files, v2 microseconds in cpu.stat. */
export function parseCpu(files: { usageUserNs: string; usageSysNs: string } | { cpuStat: string }): { userMs: number; sysMs: number } {
  if ('cpuStat' in files) {
    const v = parseFlatKeyed(files.cpuStat);
    return { userMs: (v.get('user_usec') ?? 0) / 1000, sysMs: (v.get('system_usec') ?? 0) / 1000 };
  }
  return { userMs: Number(files.usageUserNs.trim()) / 1e6, sysMs: Number(files.usageSysNs.trim()) / 1e6 };
}
