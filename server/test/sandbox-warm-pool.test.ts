import type Dockerode from 'dockerode';
import { DEFAULT_SANDBOX_LIMITS } from '../src/sandbox/sandbox.limits';
import { runInSandbox } from '../src/sandbox/sandbox.runner';
import type { SandboxRunRequest } from '../src/sandbox/sandbox.types';
import { POOL_LABEL, WarmPool, type WarmShape } from '../src/sandbox/warm-pool';
import { containersLabelled, getTestSandbox, makeCodeDir } from './support/sandbox';

/**
 * A pooled container must be indistinguishable from a cold one for the
 * program it runs (argv, env, files, children, stdin, memory), serve one run
 * only, and never leave containers behind.
 */
const MiB = 1024 * 1024;
const limits = { ...DEFAULT_SANDBOX_LIMITS, memoryBytes: 128 * MiB, wallTimeMs: 8_000 };
let docker: Dockerode;
let image: string;
const pools: WarmPool[] = [];

beforeAll(async () => {
  ({ docker, image } = await getTestSandbox());
});

afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

async function fullPool(shape: Omit<WarmShape, 'image' | 'limits'>, size = 1): Promise<WarmPool> {
  const pool = new WarmPool(docker, { image, limits, ...shape }, { size, retryMs: 200 });
  pools.push(pool);
  await pool.full();
  return pool;
}

const REPORT = `
const { execFileSync } = require('node:child_process');
const child = execFileSync(process.execPath, ['-e', 'process.stdout.write(process.env.NODE_OPTIONS)']).toString();
console.log(JSON.stringify({
  argv: process.argv.slice(1),
  cwd: process.cwd(),
  file: require('node:fs').readFileSync('data.txt', 'utf8'),
  env: Object.keys(process.env).sort(),
  nodeOptions: process.env.NODE_OPTIONS,
  childNodeOptions: child,
  preloaded: Object.keys(require.cache).filter((f) => f.startsWith('/opt/')).length,
}));
process.exit(3);
`;

describe('warm pool', () => {
  it('runs a program exactly as a cold container does', async () => {
    const request: SandboxRunRequest = {
      codeDir: makeCodeDir({ 'main.js': REPORT, 'data.txt': 'hello' }),
      command: ['node', 'main.js', 'an-arg'],
      env: { GREETING: 'hi' },
      limits,
    };
    const pool = await fullPool({ command: request.command, env: request.env, openStdin: false });
    const cold = await runInSandbox(docker, image, request);
    const warm = await runInSandbox(docker, image, { ...request, pool });

    expect(pool.available).toBe(0); // taken; a replacement is on its way
    expect(cold).toMatchObject({ outcome: 'EXITED', exitCode: 3 });
    expect(warm).toMatchObject({ outcome: 'EXITED', exitCode: 3, stderr: { text: '' } });
    expect(JSON.parse(warm.stdout.text)).toEqual(JSON.parse(cold.stdout.text));
    expect(JSON.parse(warm.stdout.text)).toMatchObject({ argv: ['/app/main.js', 'an-arg'], file: 'hello', preloaded: 1 });
  });

  it('measures the same peak memory as a cold start', async () => {
    // The gate runs in the program's own Node process (no exec): its maxRSS is the program's.
    const request: SandboxRunRequest = {
      codeDir: makeCodeDir({ 'main.js': 'Buffer.alloc(20 * 1024 * 1024).fill(1)' }),
      command: ['node', 'main.js'],
      limits,
    };
    const pool = await fullPool({ command: request.command, openStdin: false });
    const cold = await runInSandbox(docker, image, request);
    const warm = await runInSandbox(docker, image, { ...request, pool });
    expect(warm.measurements.memoryMethod).toBe(cold.measurements.memoryMethod);
    const { peakRssBytes: warmPeak } = warm.measurements;
    const { peakRssBytes: coldPeak } = cold.measurements;
    expect(Math.abs(warmPeak - coldPeak) / coldPeak).toBeLessThan(0.02);
  });

  it('hands each container to one run only and removes it afterwards', async () => {
    const codeDir = makeCodeDir({ 'main.js': 'console.log(require("os").hostname(), process.pid)' });
    const pool = await fullPool({ command: ['node', 'main.js'], openStdin: false }, 2);
    const pooled = (await containersLabelled(docker, `${POOL_LABEL}=1`)).map((c) => c.Id);
    const [a, b] = await Promise.all([1, 2].map(() => runInSandbox(docker, image, { codeDir, command: ['node', 'main.js'], limits, pool })));
    expect(a!.outcome).toBe('EXITED');
    expect(b!.outcome).toBe('EXITED');
    const stillThere = (await containersLabelled(docker, `${POOL_LABEL}=1`)).map((c) => c.Id);
    for (const id of pooled) expect(stillThere).not.toContain(id);
    await pool.close();
    expect(await containersLabelled(docker, `${POOL_LABEL}=1`)).toEqual([]);
  });

  it('feeds stdin to a pooled program and closes it', async () => {
    const command = ['node', '-e', 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => console.log(s.toUpperCase()))'];
    const pool = await fullPool({ command, openStdin: true });
    const result = await runInSandbox(docker, image, { codeDir: makeCodeDir({}), command, stdin: 'piped in', limits, pool });
    expect(result).toMatchObject({ outcome: 'EXITED', exitCode: 0, stdout: { text: 'PIPED IN\n' } });
    expect(pool.available).toBe(0);
  });

  it('leaves runs of another shape to a cold start', async () => {
    const pool = await fullPool({ command: ['node', 'main.js'], openStdin: false });
    const codeDir = makeCodeDir({ 'main.js': 'console.log("cold")' });
    const result = await runInSandbox(docker, image, { codeDir, command: ['node', 'main.js'], limits: { ...limits, pids: 32 }, pool });
    expect(result).toMatchObject({ outcome: 'EXITED', stdout: { text: 'cold\n' } });
    expect(pool.available).toBe(1);
  });

  it('still enforces the time limit from the moment the program is released', async () => {
    const command = ['node', '-e', 'setInterval(() => {}, 1000)'];
    const pool = await fullPool({ command, openStdin: false });
    await new Promise((r) => setTimeout(r, 1_500)); // idle time in the pool must not count
    const result = await runInSandbox(docker, image, { command, codeDir: makeCodeDir({}), limits: { ...limits, wallTimeMs: 1_000 }, pool });
    expect(result.outcome).toBe('TIME_LIMIT');
    expect(result.measurements.wallMs).toBeGreaterThanOrEqual(1_000);
    expect(result.measurements.wallMs).toBeLessThan(2_500);
  });
});
