import type Dockerode from 'dockerode';
import { runInSandbox } from '../src/sandbox/sandbox.runner';
import type { SandboxRunRequest } from '../src/sandbox/sandbox.types';
import { containersLabelled, getTestSandbox, makeCodeDir } from './support/sandbox';

const MiB = 1024 * 1024;
let docker: Dockerode;
let image: string;

beforeAll(async () => {
  ({ docker, image } = await getTestSandbox());
});

/** Runs main.js, recording every output chunk as it is passed on. */
async function run(source: string, extra: Partial<SandboxRunRequest> = {}) {
  const tag = `output-stream-${Math.random().toString(36).slice(2)}`;
  const chunks: { stream: 'stdout' | 'stderr'; text: string }[] = [];
  const result = await runInSandbox(docker, image, {
    codeDir: makeCodeDir({ 'main.js': source }),
    command: ['node', 'main.js'],
    limits: { wallTimeMs: 8000, memoryBytes: 128 * MiB },
    labels: { 'assay.test': tag },
    onOutput: (stream, text) => chunks.push({ stream, text }),
    ...extra,
  });
  expect(await containersLabelled(docker, `assay.test=${tag}`)).toEqual([]);
  const joined = (stream: 'stdout' | 'stderr') => chunks.filter((c) => c.stream === stream).map((c) => c.text).join('');
  return { result, chunks, joined };
}

describe('runInSandbox onOutput', () => {
  it('passes output on while the program still runs', async () => {
    // Memory samples are taken only while the container runs: one between the lines shows when the first came.
    const events: string[] = [];
    const { result } = await run('console.log("first"); setTimeout(() => console.log("second"), 1500)', {
      onOutput: (_stream, text) => events.push(`output:${text}`),
      onSample: () => events.push('sample'),
    });
    events.push('resolved');
    expect(result.outcome).toBe('EXITED');
    expect(result.stdout.text).toBe('first\nsecond\n');
    const first = events.indexOf('output:first\n');
    const second = events.indexOf('output:second\n');
    expect(first).toBeGreaterThanOrEqual(0);
    expect(second).toBeGreaterThan(first);
    expect(events.slice(first, second)).toContain('sample');
    expect(events.at(-1)).toBe('resolved');
  });

  it('lets a caller act on output before the run ends: aborting on it stops a program that never exits', async () => {
    const controller = new AbortController();
    const { result } = await run('console.log("ready"); setInterval(() => {}, 1000)', {
      signal: controller.signal,
      onOutput: (_stream, text) => {
        if (text.includes('ready')) controller.abort();
      },
    });
    // Without streaming the program would run to its 8 s limit (TIME_LIMIT).
    expect(result.outcome).toBe('INTERNAL_ERROR');
    expect(result.internalError).toMatch(/aborted/);
  });

  it('decodes UTF-8 across chunks and passes on both streams', async () => {
    const { result, chunks, joined } = await run(`
      const e = Buffer.from('é\\n');
      process.stdout.write(Buffer.concat([Buffer.from('a'), e.subarray(0, 1)])); // half a character
      console.error('err ✓');
      setTimeout(() => process.stdout.write(e.subarray(1)), 300);
    `);
    expect(result.outcome).toBe('EXITED');
    expect(joined('stdout')).toBe('aé\n');
    expect(joined('stdout')).toBe(result.stdout.text);
    expect(joined('stderr')).toBe('err ✓\n');
    expect(chunks.some((c) => c.text.includes('\uFFFD'))).toBe(false);
  });

  it('passes on only what is kept under the cap', async () => {
    const { result, joined } = await run('process.stdout.write("x".repeat(1023) + "✓✓"); setInterval(() => process.stdout.write("y".repeat(4096)), 10)', {
      limits: { wallTimeMs: 8000, memoryBytes: 128 * MiB, outputBytes: 1024 },
    });
    expect(result.outcome).toBe('OUTPUT_LIMIT');
    expect(result.stdout.truncated).toBe(true);
    expect(joined('stdout')).toBe(result.stdout.text); // the cap cuts ✓: both end in U+FFFD
    expect(joined('stdout')).toBe(`${'x'.repeat(1023)}\uFFFD`);
  });
});
