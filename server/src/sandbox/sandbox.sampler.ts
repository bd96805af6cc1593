import fs from 'node:fs';
import path from 'node:path';
import type Dockerode from 'dockerode';
import type { MemorySample } from '@assay/shared';
import { cgroupFilesFor, detectCgroupVersion, HOST_ROOTS, parseCpu, parseMemoryStat, parseOomKills, type CgroupFiles, type HostRoots } from './sandbox.cgroup';

/** How often the memory timeline is sampled. */
export const SAMPLE_INTERVAL_MS = 50;

export interface HostReading {
  /**
   * Resident memory of the container's processes (its init excluded): the sum of their anonymous RSS, the
   * largest file-backed RSS (shared pages counted once), and tmpfs data. For one process: its VmRSS.
   * When no process's status can be read, the cgroup's own anonymous memory + tmpfs data.
   */
  memoryBytes: number;
  /** Largest VmHWM (per-process RSS high-water mark) among them. */
  hwmBytes: number;
  cpu: { userMs: number; sysMs: number } | null;
  /** Processes of the container the kernel's OOM killer has killed so far. */
  oomKills: number;
}

async function readable(file: string): Promise<boolean> {
  return fs.promises.access(file, fs.constants.R_OK).then(
    () => true,
    () => false,
  );
}

/**
 * The container's cgroup files, found from its init's /proc/<pid>/cgroup on
 * the host, for the host's cgroup version (`detectCgroupVersion`; the other
 * version is tried when the process is not where the detected one says).
 * Null when the runner cannot see the host's /proc and /sys/fs/cgroup (e.g.
 * it runs in a container itself).
 */
export async function findCgroupFiles(hostPid: number, roots: HostRoots = HOST_ROOTS): Promise<CgroupFiles | null> {
  let table: string;
  try {
    table = await fs.promises.readFile(`${roots.proc}/${hostPid}/cgroup`, 'utf8');
  } catch {
    return null;
  }
  const detected = detectCgroupVersion(roots.cgroup);
  const files = cgroupFilesFor(table, detected, roots) ?? cgroupFilesFor(table, detected === 1 ? 2 : 1, roots);
  if (!files || !(await readable(files.memoryStat))) return null;
  if (files.cpu?.kind === 'usage' && !(await readable(files.cpu.user))) {
    // The controller is mounted as cpu,cpuacct on most distributions, cpuacct alone on some (this dev host).
    const rel = path.relative(roots.cgroup, files.cpu.user).split(path.sep).slice(1);
    files.cpu = null;
    for (const mount of ['cpu,cpuacct', 'cpuacct']) {
      const user = path.join(roots.cgroup, mount, ...rel);
      if (await readable(user)) {
        files.cpu = { kind: 'usage', user, sys: user.replace(/usage_user$/, 'usage_sys') };
        break;
      }
    }
  }
  if (files.cpu?.kind === 'stat' && !(await readable(files.cpu.stat))) files.cpu = null;
  return files;
}

function field(text: string, key: string): number | undefined {
  const match = new RegExp(`^${key}:\\s*(\\d+)`, 'm').exec(text);
  return match ? Number(match[1]) : undefined;
}

async function readCpu(files: CgroupFiles): Promise<HostReading['cpu']> {
  if (!files.cpu) return null;
  if (files.cpu.kind === 'stat') return parseCpu({ cpuStat: await fs.promises.readFile(files.cpu.stat, 'utf8') });
  const [usageUserNs, usageSysNs] = await Promise.all([fs.promises.readFile(files.cpu.user, 'utf8'), fs.promises.readFile(files.cpu.sys, 'utf8')]);
  return parseCpu({ usageUserNs, usageSysNs });
}

/** One host-side reading; null once the cgroup is gone (the container exited). */
export async function readHost(files: CgroupFiles, initPid: number): Promise<HostReading | null> {
  try {
    const [procs, stat, events] = await Promise.all([
      fs.promises.readFile(files.procs, 'utf8'),
      fs.promises.readFile(files.memoryStat, 'utf8'),
      fs.promises.readFile(files.oomEvents, 'utf8').catch(() => ''), // kernels before 4.13 have no oom_kill line
    ]);
    let anon = 0;
    let file = 0;
    let hwm = 0;
    let seen = 0;
    for (const pid of procs.split('\n').filter(Boolean).map(Number)) {
      if (pid === initPid) continue; // tini, ours, not the candidate's
      const status = await fs.promises.readFile(`${files.procRoot}/${pid}/status`, 'utf8').catch(() => ''); // it may just have exited
      if (status) seen++;
      anon += (field(status, 'RssAnon') ?? 0) * 1024;
      // File-backed pages (mostly the node binary) are shared by the processes: counted once, not per process.
      file = Math.max(file, (field(status, 'RssFile') ?? 0) * 1024);
      hwm = Math.max(hwm, (field(status, 'VmHWM') ?? 0) * 1024);
    }
    // tmpfs pages, mapped or not, counted once from the cgroup: data kept in /tmp is memory the program holds.
    const memory = parseMemoryStat(stat, files.version);
    const memoryBytes = seen > 0 ? anon + file + memory.shmemBytes : memory.anonBytes + memory.shmemBytes;
    return { memoryBytes, hwmBytes: hwm, cpu: await readCpu(files), oomKills: parseOomKills(events) };
  } catch {
    return null;
  }
}

/**
 * Samples a running container every SAMPLE_INTERVAL_MS from the host side
 * (the candidate cannot tamper with it): the VmRSS of its processes, found
 * through its cgroup, plus tmpfs data. Page cache is never counted. Where the
 * host is not visible, falls back to the Engine's stats stream (anonymous
 * memory, about once a second).
 */
export class MemorySampler {
  readonly timeline: MemorySample[] = [];
  lastCpu: { userMs: number; sysMs: number } | null = null;
  /** Largest per-process RSS high-water mark seen (0 when the fallback is in use). */
  peakHwmBytes = 0;
  /** Processes of the container OOM-killed, at the last reading (a second signal beside the engine's `OOMKilled`). */
  oomKills = 0;
  method = 'not sampled';
  private timer: NodeJS.Timeout | null = null;
  private statsStream: NodeJS.ReadableStream | null = null;
  private stopped = false;

  constructor(
    private readonly startedAt: number,
    private readonly onSample: (sample: MemorySample) => void,
    private readonly onTick: () => void,
  ) {}

  async start(docker: Dockerode, containerId: string, initPid: number): Promise<void> {
    const files = initPid > 0 ? await findCgroupFiles(initPid) : null;
    if (this.stopped) return;
    if (files) {
      this.method = `resident memory of the container's processes from the host's /proc/<pid>/status (found through cgroup v${files.version}): sum of RssAnon + largest RssFile (shared pages once) + tmpfs data; page cache excluded; every ${SAMPLE_INTERVAL_MS} ms`;
      const tick = async () => {
        this.onTick();
        const reading = await readHost(files, initPid);
        if (!reading || this.stopped) return;
        this.peakHwmBytes = Math.max(this.peakHwmBytes, reading.hwmBytes);
        if (reading.cpu) this.lastCpu = reading.cpu;
        this.oomKills = Math.max(this.oomKills, reading.oomKills);
        this.record(reading.memoryBytes);
      };
      await tick();
      if (this.stopped) return; // stopped during the first tick: an interval set now would never be cleared
      this.timer = setInterval(() => void tick(), SAMPLE_INTERVAL_MS);
      return;
    }
    this.method = 'Docker stats API memory_stats (total_rss + total_shmem, or anon + shmem: anonymous memory + tmpfs), about once a second';
    this.timer = setInterval(this.onTick, SAMPLE_INTERVAL_MS);
    const stream = (await docker.getContainer(containerId).stats({ stream: true })) as unknown as NodeJS.ReadableStream;
    this.statsStream = stream;
    let pending = '';
    stream.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        try {
          const s = (JSON.parse(line) as { memory_stats?: { stats?: Record<string, number> } }).memory_stats?.stats ?? {};
          const bytes = (s.total_rss ?? s.anon ?? 0) + (s.total_shmem ?? s.shmem ?? 0);
          if (!this.stopped && bytes > 0) this.record(bytes);
        } catch {
          // partial or odd line: skip
        }
      }
    });
    stream.on('error', () => {});
  }

  private record(rssBytes: number): void {
    const sample = { tMs: Math.max(0, Date.now() - this.startedAt), rssBytes };
    this.timeline.push(sample);
    try {
      this.onSample(sample);
    } catch {
      // a listener's fault must not end the run
    }
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    (this.statsStream as { destroy?: () => void } | null)?.destroy?.();
  }
}
