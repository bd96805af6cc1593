import fs from 'node:fs';
import type Dockerode from 'dockerode';
import type { MemorySample } from '@assay/shared';

/** How often the memory timeline is sampled. */
export const SAMPLE_INTERVAL_MS = 50;

interface CgroupFiles {
  /** Lists the host pids of the container's processes. */
  procs: string;
  memoryStat: string;
  cpuUser: string | null;
  cpuStat: string | null;
  version: 1 | 2;
}

export interface HostReading {
  /**
   * Resident memory of the container's processes (its init excluded): the sum of their anonymous RSS, the
   * largest file-backed RSS (shared pages counted once), and tmpfs data. For one process: its VmRSS.
   */
  memoryBytes: number;
  /** Largest VmHWM (per-process RSS high-water mark) among them. */
  hwmBytes: number;
  cpu: { userMs: number; sysMs: number } | null;
}

async function readable(file: string): Promise<boolean> {
  return fs.promises.access(file, fs.constants.R_OK).then(
    () => true,
    () => false,
  );
}

/**
 * The container's cgroup files, found from its init's /proc/<pid>/cgroup on
 * the host (cgroupfs or systemd driver, v1 or v2). Null when the runner cannot
 * see the host's /proc and /sys/fs/cgroup (e.g. it runs in a container itself).
 */
export async function findCgroupFiles(hostPid: number): Promise<CgroupFiles | null> {
  let table: string;
  try {
    table = await fs.promises.readFile(`/proc/${hostPid}/cgroup`, 'utf8');
  } catch {
    return null;
  }
  const lines = table.trim().split('\n').map((l) => l.split(':'));
  const memory = lines.find((l) => l[1]?.split(',').includes('memory'));
  if (memory) {
    const dir = `/sys/fs/cgroup/memory${memory[2]}`;
    const cpu = lines.find((l) => l[1]?.split(',').includes('cpuacct'));
    // Mounted as /sys/fs/cgroup/cpu,cpuacct or /sys/fs/cgroup/cpuacct depending on the distribution.
    let cpuUser: string | null = null;
    for (const cpuDir of cpu ? [`/sys/fs/cgroup/${cpu[1]}${cpu[2]}`, `/sys/fs/cgroup/cpuacct${cpu[2]}`] : []) {
      if (await readable(`${cpuDir}/cpuacct.usage_user`)) {
        cpuUser = `${cpuDir}/cpuacct.usage_user`;
        break;
      }
    }
    const files: CgroupFiles = { procs: `${dir}/cgroup.procs`, memoryStat: `${dir}/memory.stat`, cpuUser, cpuStat: null, version: 1 };
    return (await readable(files.memoryStat)) ? files : null;
  }
  const unified = lines.find((l) => l[0] === '0' && l[1] === '');
  if (!unified) return null;
  const dir = `/sys/fs/cgroup${unified[2]}`;
  const files: CgroupFiles = { procs: `${dir}/cgroup.procs`, memoryStat: `${dir}/memory.stat`, cpuUser: null, cpuStat: `${dir}/cpu.stat`, version: 2 };
  return (await readable(files.memoryStat)) ? files : null;
}

function field(text: string, key: string, sep: string): number | undefined {
  const match = new RegExp(`^${key}${sep}\\s*(\\d+)`, 'm').exec(text);
  return match ? Number(match[1]) : undefined;
}

/** One host-side reading; null once the cgroup is gone (the container exited). */
export async function readHost(files: CgroupFiles, initPid: number): Promise<HostReading | null> {
  try {
    const [procs, stat] = await Promise.all([fs.promises.readFile(files.procs, 'utf8'), fs.promises.readFile(files.memoryStat, 'utf8')]);
    let anon = 0;
    let file = 0;
    let hwm = 0;
    for (const pid of procs.split('\n').filter(Boolean).map(Number)) {
      if (pid === initPid) continue; // tini, ours, not the candidate's
      const status = await fs.promises.readFile(`/proc/${pid}/status`, 'utf8').catch(() => ''); // it may just have exited
      anon += (field(status, 'RssAnon', ':') ?? 0) * 1024;
      // File-backed pages (mostly the node binary) are shared by the processes: counted once, not per process.
      file = Math.max(file, (field(status, 'RssFile', ':') ?? 0) * 1024);
      hwm = Math.max(hwm, (field(status, 'VmHWM', ':') ?? 0) * 1024);
    }
    // tmpfs pages, mapped or not, counted once from the cgroup: data kept in /tmp is memory the program holds.
    const shmem = field(stat, files.version === 1 ? 'total_shmem' : 'shmem', ' ') ?? 0;
    let cpu: HostReading['cpu'] = null;
    if (files.cpuUser) {
      const user = Number(await fs.promises.readFile(files.cpuUser, 'utf8'));
      const sys = Number(await fs.promises.readFile(files.cpuUser.replace(/usage_user$/, 'usage_sys'), 'utf8'));
      cpu = { userMs: user / 1e6, sysMs: sys / 1e6 };
    } else if (files.cpuStat) {
      const text = await fs.promises.readFile(files.cpuStat, 'utf8');
      cpu = { userMs: (field(text, 'user_usec', ' ') ?? 0) / 1000, sysMs: (field(text, 'system_usec', ' ') ?? 0) / 1000 };
    }
    return { memoryBytes: anon + file + shmem, hwmBytes: hwm, cpu };
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
