import { spawn } from 'node:child_process';

/** Monotonic ms. CLOCK_MONOTONIC is shared by the host and its containers (no time namespace), so stamps compare. */
export const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;

/** The program every variant runs: stamps when its code starts and when it exits. */
export const STAMP_PROGRAM =
  "process.stdout.write('start ' + process.hrtime.bigint() + '\\n');" +
  "process.on('exit', () => process.stdout.write('exit ' + process.hrtime.bigint() + '\\n'));";

/** Reads the two stamps (ms) out of the program's output. */
export function parseStamps(stdout: string): { startMs: number; exitMs: number } {
  const stamp = (name: string) => {
    const m = new RegExp(`^${name} (\\d+)$`, 'm').exec(stdout);
    if (!m) throw new Error(`no "${name}" stamp in the program's output: ${JSON.stringify(stdout.slice(0, 200))}`);
    return Number(BigInt(m[1]!)) / 1e6;
  };
  return { startMs: stamp('start'), exitMs: stamp('exit') };
}

/** One run's overhead: submit → program start, and program exit → result in hand. */
export interface Overhead {
  startMs: number;
  teardownMs: number;
}

/** The floor: a bare Node process on the host, timed the same way. */
export async function hostNode(program = STAMP_PROGRAM): Promise<Overhead> {
  const submitted = nowMs();
  const child = spawn(process.execPath, ['-e', program], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  await new Promise((r) => child.once('close', r));
  const done = nowMs();
  if (program !== STAMP_PROGRAM) return { startMs: 0, teardownMs: 0 };
  const { startMs, exitMs } = parseStamps(out);
  return { startMs: startMs - submitted, teardownMs: done - exitMs };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length); // nearest rank
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** Runs `once` back to back in `concurrency` loops for `windowMs`; returns completions per minute. */
export async function throughput(concurrency: number, windowMs: number, once: () => Promise<unknown>): Promise<number> {
  const end = nowMs() + windowMs;
  let done = 0;
  const started = nowMs();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (nowMs() < end) {
        await once();
        done++;
      }
    }),
  );
  return (done / (nowMs() - started)) * 60_000;
}

/** Prints rows as an aligned text table. */
export function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}
