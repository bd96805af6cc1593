import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cgroupFilesFor, detectCgroupVersion, parseCpu, parseMemoryStat, parseOomKills, type HostRoots } from './sandbox.cgroup';
import { findCgroupFiles, readHost } from './sandbox.sampler';

const FIXTURES = path.join(__dirname, 'fixtures');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');
const MiB = 1024 * 1024;
const INIT = 4241;
const PROGRAM = 4242;

const fakeRoots: string[] = [];
afterAll(() => {
  for (const root of fakeRoots) fs.rmSync(root, { recursive: true, force: true });
});

/** A host's /proc and /sys/fs/cgroup in a temporary folder, holding the recorded files where the kernel puts them. */
function fakeHost(version: 1 | 2, opts: { cpuMount?: string } = {}): HostRoots {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `assay-cgroup-v${version}-`));
  fakeRoots.push(root);
  const roots = { proc: path.join(root, 'proc'), cgroup: path.join(root, 'sys/fs/cgroup') };
  const put = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  };
  const procCgroup = fixture(`cgroup-v${version}/proc-cgroup`);
  put(path.join(roots.proc, String(INIT), 'cgroup'), procCgroup);
  put(path.join(roots.proc, String(PROGRAM), 'status'), fixture('proc-status'));
  const procs = `${INIT}\n${PROGRAM}\n`;
  if (version === 2) {
    const dir = path.join(roots.cgroup, procCgroup.trim().split('::')[1]!);
    put(path.join(roots.cgroup, 'cgroup.controllers'), fixture('cgroup-v2/cgroup.controllers'));
    for (const f of ['memory.stat', 'memory.events', 'cpu.stat']) put(path.join(dir, f), fixture(`cgroup-v2/${f}`));
    put(path.join(dir, 'cgroup.procs'), procs);
  } else {
    const cgPath = /^\d+:memory:(.*)$/m.exec(procCgroup)![1]!;
    const dir = path.join(roots.cgroup, 'memory', cgPath);
    for (const f of ['memory.stat', 'memory.oom_control']) put(path.join(dir, f), fixture(`cgroup-v1/${f}`));
    put(path.join(dir, 'cgroup.procs'), procs);
    const cpuDir = path.join(roots.cgroup, opts.cpuMount ?? 'cpuacct', cgPath);
    for (const f of ['cpuacct.usage_user', 'cpuacct.usage_sys']) put(path.join(cpuDir, f), fixture(`cgroup-v1/${f}`));
    // A hybrid host: systemd's unified tree is mounted below the root, not at it.
    put(path.join(roots.cgroup, 'unified', 'cgroup.controllers'), '');
  }
  return roots;
}

describe('cgroup files of both versions (recorded v1, kernel-documented v2)', () => {
  it('parses memory.stat: anon and shmem by each version\'s keys, never the page cache', () => {
    expect(parseMemoryStat(fixture('cgroup-v1/memory.stat'), 1)).toEqual({ anonBytes: 15_511_552, shmemBytes: 6 * MiB });
    expect(parseMemoryStat(fixture('cgroup-v2/memory.stat'), 2)).toEqual({ anonBytes: 15_511_552, shmemBytes: 6 * MiB });
    // v2 has no total_* keys and v1's `anon` does not exist: reading with the wrong version finds nothing.
    expect(parseMemoryStat(fixture('cgroup-v2/memory.stat'), 1).anonBytes).toBe(0);
  });

  it('counts OOM kills from memory.events (v2) and memory.oom_control (v1)', () => {
    expect(parseOomKills(fixture('cgroup-v2/memory.events'))).toBe(1);
    expect(parseOomKills(fixture('cgroup-v1/memory.oom_control'))).toBe(1);
    expect(parseOomKills('oom_kill_disable 0\nunder_oom 0\n')).toBe(0); // kernels before 4.13
  });

  it('reads CPU time in each version\'s unit', () => {
    expect(parseCpu({ cpuStat: fixture('cgroup-v2/cpu.stat') })).toEqual({ userMs: 734.12, sysMs: 212.449 });
    expect(parseCpu({ usageUserNs: fixture('cgroup-v1/cpuacct.usage_user'), usageSysNs: fixture('cgroup-v1/cpuacct.usage_sys') })).toEqual({ userMs: 734.120887, sysMs: 212.448902 });
  });

  it('detects the host version from cgroup.controllers at the cgroup root (a hybrid v1 host has it only under unified/)', () => {
    expect(detectCgroupVersion(fakeHost(2).cgroup)).toBe(2);
    expect(detectCgroupVersion(fakeHost(1).cgroup)).toBe(1);
  });

  it('locates the files from /proc/<pid>/cgroup on each version', () => {
    const v2 = cgroupFilesFor(fixture('cgroup-v2/proc-cgroup'), 2, { proc: '/proc', cgroup: '/sys/fs/cgroup' })!;
    expect(v2.memoryStat).toMatch(/^\/sys\/fs\/cgroup\/system\.slice\/docker-[0-9a-f]{64}\.scope\/memory\.stat$/);
    expect(v2.oomEvents).toMatch(/memory\.events$/);
    const v1 = cgroupFilesFor(fixture('cgroup-v1/proc-cgroup'), 1, { proc: '/proc', cgroup: '/sys/fs/cgroup' })!;
    expect(v1.memoryStat).toMatch(/^\/sys\/fs\/cgroup\/memory\/docker\/[0-9a-f]{64}\/memory\.stat$/);
    expect(v1.oomEvents).toMatch(/memory\.oom_control$/);
    expect(cgroupFilesFor('0::/\n', 1)).toBeUndefined();
  });

  it.each([1, 2] as const)('samples a container on a cgroup v%d host: RSS of its processes + tmpfs, OOM kills and CPU', async (version) => {
    const roots = fakeHost(version);
    const files = (await findCgroupFiles(INIT, roots))!;
    expect(files.version).toBe(version);
    const reading = (await readHost(files, INIT))!;
    // RssAnon + RssFile of the one program (its init excluded) + 6 MiB in /tmp.
    expect(reading.memoryBytes).toBe((28_664 + 34_632) * 1024 + 6 * MiB);
    expect(reading.hwmBytes).toBe(63_296 * 1024);
    expect(reading.oomKills).toBe(1);
    expect(reading.cpu!.userMs).toBeCloseTo(734.12, 2);
  });

  it('falls back to the cgroup\'s anon + shmem when no process status is readable', async () => {
    const roots = fakeHost(2);
    fs.rmSync(path.join(roots.proc, String(PROGRAM)), { recursive: true });
    const reading = (await readHost((await findCgroupFiles(INIT, roots))!, INIT))!;
    expect(reading.memoryBytes).toBe(15_511_552 + 6 * MiB);
  });

  it('finds cpuacct mounted as cpu,cpuacct (most distributions) as well as alone (this host), and is null when the cgroup is not visible', async () => {
    const files = (await findCgroupFiles(INIT, fakeHost(1, { cpuMount: 'cpu,cpuacct' })))!;
    expect(files.cpu).toMatchObject({ kind: 'usage', user: expect.stringMatching(/\/cpu,cpuacct\/docker\/.*usage_user$/) });
    expect(await findCgroupFiles(INIT, { proc: '/nonexistent', cgroup: '/nonexistent' })).toBeNull();
  });
});
