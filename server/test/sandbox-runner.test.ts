import type Dockerode from 'dockerode';
import type { MemorySample } from '@assay/shared';
import { RunMeasurementsSchema } from '@assay/shared';
import { createDockerClient } from '../src/platform/docker';
import { DEFAULT_SANDBOX_LIMITS } from '../src/sandbox/sandbox.limits';
import { runInSandbox } from '../src/sandbox/sandbox.runner';
import type { SandboxRunRequest } from '../src/sandbox/sandbox.types';
import { containersLabelled, getTestSandbox, makeCodeDir } from './support/sandbox';

const MiB = 1024 * 1024;
let docker: Dockerode;
let image: string;

beforeAll(async () => {
  ({ docker, image } = await getTestSandbox());
});

/** Runs main.js with small limits and a unique label to find its containers afterwards. */
async function run(source: string, extra: Partial<SandboxRunRequest> = {}) {
  const tag = `runner-${Math.random().toString(36).slice(2)}`;
  const result = await runInSandbox(docker, image, {
    codeDir: makeCodeDir({ 'main.js': source }),
    command: ['node', 'main.js'],
    limits: { wallTimeMs: 5000, memoryBytes: 128 * MiB },
    labels: { 'assay.test': tag },
    ...extra,
  });
  expect(await containersLabelled(docker, `assay.test=${tag}`)).toEqual([]);
  return result;
}

describe('runInSandbox', () => {
  it('reports how far a program stopped at its time limit had read, and its CPU (also from a child process)', async () => {
    // 1 MiB reads of /dev/zero in the main process and in a child it started: both count.
    const reader = "const fs = require('node:fs'); const b = Buffer.alloc(1 << 20); const fd = fs.openSync('/dev/zero', 'r'); for (;;) fs.readSync(fd, b, 0, b.length, null);";
    const result = await run(`require('node:child_process').spawn(process.execPath, ['-e', ${JSON.stringify(reader)}], { stdio: 'ignore' }); ${reader}`, {
      limits: { wallTimeMs: 2000, memoryBytes: 128 * MiB },
    });
    expect(result.outcome).toBe('TIME_LIMIT');
    const p = result.progress!;
    expect(p.readBytes).toBeGreaterThan(64 * MiB);
    expect(p.cpuMs).toBeGreaterThan(0);
    expect(p.atMs).toBeGreaterThanOrEqual(2000);
    expect(p.method).toMatch(/rchar/);
    const exited = await run('console.log(1)');
    expect(exited.progress).toBeUndefined();
  });

  it('runs a program and captures stdout, stderr, exit code and measurements', async () => {
    const samples: MemorySample[] = [];
    const result = await run(
      'console.log("out", process.argv.slice(2).join()); console.error("err"); setTimeout(() => process.exit(3), 300)',
      { command: ['node', 'main.js', 'a', 'b'], onSample: (s) => samples.push(s) },
    );
    expect(result.outcome).toBe('EXITED');
    expect(result.exitCode).toBe(3);
    expect(result.signal).toBeNull();
    expect(result.stdout).toEqual({ text: 'out a,b\n', bytes: 8, truncated: false });
    expect(result.stderr.text).toBe('err\n');
    const m = RunMeasurementsSchema.parse(result.measurements);
    expect(m.memoryMethod).toMatch(/getrusage maxRSS/);
    expect(m.baselineRssBytes).toBeGreaterThan(10 * MiB);
    expect(m.peakRssBytes).toBeGreaterThanOrEqual(m.baselineRssBytes * 0.9);
    expect(m.wallMs).toBeGreaterThanOrEqual(300);
    expect(samples.length).toBeGreaterThan(2); // ~300 ms at one sample per 50 ms
    expect(m.memoryTimeline).toEqual(samples);
  });

  it('feeds stdin and closes it', async () => {
    const result = await run('let d = ""; process.stdin.on("data", (c) => (d += c)).on("end", () => console.log(d.length, d.split("\\n")[1]))', {
      stdin: 'first\nsecond\n' + 'x'.repeat(200_000),
    });
    expect(result.outcome).toBe('EXITED');
    expect(result.stdout.text).toBe('200013 second\n');
  });

  it('passes env, keeps the probe in NODE_OPTIONS and runs as the sandbox user in /app', async () => {
    const result = await run('console.log(process.env.GREETING, process.env.NODE_OPTIONS, process.getuid(), process.cwd(), process.execArgv.length)', {
      env: { GREETING: 'hello', NODE_OPTIONS: '--max-old-space-size=64' },
    });
    expect(result.stdout.text).toBe('hello --require /opt/assay/probe.js --max-old-space-size=64 10001 /app 0\n');
  });

  it('reports a signal death and measures it from the host side', async () => {
    const result = await run('setTimeout(() => process.kill(process.pid, "SIGTERM"), 200)');
    expect(result.outcome).toBe('EXITED');
    expect(result.exitCode).toBeNull();
    expect(result.signal).toBe('SIGTERM');
    expect(result.measurements.memoryMethod).toMatch(/VmHWM .* read from the host/);
    expect(result.measurements.peakRssBytes).toBeGreaterThan(0);
  });

  it('tells a real exit(143) from a death by SIGTERM', async () => {
    const result = await run('process.exit(143)');
    expect(result).toMatchObject({ outcome: 'EXITED', exitCode: 143, signal: null });
  });

  it('calls a V8 heap exhaustion a memory limit', async () => {
    const result = await run('const a = []; for (;;) a.push({ i: a.length, s: "x" + a.length });', {
      env: { NODE_OPTIONS: '--max-old-space-size=24' },
    });
    expect(result.outcome).toBe('MEMORY_LIMIT');
  });

  it('refuses a request that raises a limit, without blaming the candidate', async () => {
    const result = await run('0', { limits: { memoryBytes: DEFAULT_SANDBOX_LIMITS.memoryBytes * 2 } });
    expect(result.outcome).toBe('INTERNAL_ERROR');
    expect(result.internalError).toMatch(/cannot exceed the configured limit/);
  });

  it('turns a missing code directory into an internal error', async () => {
    const result = await run('0', { codeDir: '/nonexistent/assay-code' });
    expect(result.outcome).toBe('INTERNAL_ERROR');
    expect(result.internalError).toMatch(/nonexistent/);
  });

  it('ends an aborted run as an internal error and removes its container', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 800);
    const result = await run('setInterval(() => {}, 1000)', { signal: controller.signal });
    expect(result.outcome).toBe('INTERNAL_ERROR');
    expect(result.internalError).toMatch(/aborted/);
  });

  it('blames a command that does not exist on the command, not the platform', async () => {
    const result = await run('0', { command: ['no-such-program'] });
    expect(result).toMatchObject({ outcome: 'EXITED', exitCode: 127 });
  });

  it('reports an unreachable engine as an internal error', async () => {
    const result = await runInSandbox(createDockerClient('/nonexistent/docker.sock'), image, {
      codeDir: makeCodeDir({ 'main.js': '0' }),
      command: ['node', 'main.js'],
    });
    expect(result.outcome).toBe('INTERNAL_ERROR');
    expect(result.internalError).toMatch(/nonexistent\/docker.sock/);
  });

  it('mounts extra directories read-only', async () => {
    const data = makeCodeDir({ 'input.txt': 'data!' });
    const result = await run(
      'const fs = require("fs"); console.log(fs.readFileSync("/data/input.txt", "utf8")); try { fs.writeFileSync("/data/x", "1") } catch (e) { console.log(e.code) }',
      { mounts: [{ hostPath: data, containerPath: '/data' }] },
    );
    expect(result.stdout.text).toBe('data!\nEROFS\n');
  });
});
