import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { defineHarness, type HarnessContext, type TrialEvaluation, type TrialPlan } from '../../../server/src/challenges/challenge.types';
import type { SandboxRunResult } from '../../../server/src/sandbox/sandbox.types';
import { cachedArtifact } from '../../../server/src/challenges/kit/artifact.cache';
import type { LogAnswer } from './log.answer';
import { checkLogOutput } from './log.check';
import { GENERATOR_VERSION, generateLogInput } from './log.generator';

const MiB = 1024 * 1024;
const CONTAINER_DIR = '/data';
const FILE_NAME = 'access.log';

/** A run stopped at the time cap that had read less than this share of the input made no progress: TIME_LIMIT. */
const MIN_PROGRESS_SHARE = 0.01;

interface Expected {
  answer: LogAnswer;
  bytes: number;
  lines: number;
}

/**
 * stream-log: the program reads a generated access log mounted read-only at
 * /data; the expected answer stays on the worker, beside (not inside) the
 * mounted folder.
 */
/** Bytes per second of a run, over min(wall, CPU): see `evaluate`. */
function throughput(bytes: number, wallMs: number, cpuMs: number): number | null {
  // min(wall, CPU): CPU time does not count waiting for a CPU another process holds (a
  // shared worker), wall time credits a program that parses on several threads at once.
  const seconds = (cpuMs > 0 ? Math.min(wallMs, cpuMs) : wallMs) / 1000;
  return seconds > 0 ? bytes / seconds : null;
}

/** Generates (or finds in the cache) the log of `inputMiB` and its expected answer. */
async function logInput(ctx: HarnessContext, seed: number, inputMiB: number): Promise<{ dir: string; expected: Expected }> {
  const dir = await cachedArtifact(path.join(ctx.cacheDir, 'stream-log'), { v: GENERATOR_VERSION, seed, inputMiB }, async (scratch) => {
    fs.mkdirSync(path.join(scratch, 'input'));
    const input = await generateLogInput(path.join(scratch, 'input', FILE_NAME), { seed, bytes: inputMiB * MiB }, (f) =>
      ctx.onProgress?.(`generating ${inputMiB} MiB of log: ${Math.round(f * 100)}%`),
    );
    fs.writeFileSync(path.join(scratch, 'expected.json'), JSON.stringify(input));
  });
  return { dir, expected: JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Expected };
}

const describe = (e: Expected, seed: number) => `${(e.bytes / MiB).toFixed(0)} MiB access log, ${e.lines.toLocaleString('en-US')} lines (seed ${seed})`;
const planFor = (dir: string, measureAtTimeLimit: boolean): TrialPlan => ({
  args: [`${CONTAINER_DIR}/${FILE_NAME}`],
  mounts: [{ hostPath: path.join(dir, 'input'), containerPath: CONTAINER_DIR }],
  ...(measureAtTimeLimit ? { measureAtTimeLimit } : {}),
});

/** A complete run: the answer is checked and the throughput is over the whole input. */
function evaluateComplete(run: SandboxRunResult, expected: Expected): TrialEvaluation {
  const { wallMs, cpuMs } = run.measurements;
  return {
    checks: checkLogOutput(run.stdout.text, expected.answer),
    metrics: { inputBytes: expected.bytes, throughputBytesPerSec: throughput(expected.bytes, wallMs, cpuMs) },
  };
}

/**
 * A run stopped at the time cap is measured by what it had read by then (the
 * kernel's I/O counters, capped at the input's size), not zeroed: its
 * correctness was decided on the complete smaller input. One that read next
 * to nothing made no progress and keeps its TIME_LIMIT.
 */
export function evaluateCapped(run: SandboxRunResult, inputBytes: number): TrialEvaluation {
  const p = run.progress;
  const seconds = Math.round(run.limits.wallTimeMs / 1000);
  if (!p) return { checks: [], metrics: {}, internalError: 'the run reached its time cap but its progress could not be read from /proc' };
  const consumed = Math.min(p.readBytes, inputBytes);
  if (consumed < inputBytes * MIN_PROGRESS_SHARE) {
    return { checks: [], metrics: {}, verdict: 'TIME_LIMIT', message: `killed after ${seconds} s having read ${(consumed / MiB).toFixed(1)} MiB of ${(inputBytes / MiB).toFixed(0)} MiB (no progress)` };
  }
  return { checks: [], metrics: { inputBytes: consumed, throughputBytesPerSec: throughput(consumed, p.atMs, p.cpuMs) } };
}

/**
 * stream-log: the program reads a generated access log mounted read-only at
 * /data; the expected answer stays on the worker, beside (not inside) the
 * mounted folder. With `correctnessInputMiB` (full scale) correctness is
 * decided on that complete smaller log, and the big one measures throughput
 * and memory up to the time limit (a slow but correct program is measured,
 * not zeroed).
 */
export default defineHarness({
  metrics: ['throughputBytesPerSec', 'inputBytes'],
  params: z.strictObject({
    /** Size of the generated log. */
    inputMiB: z.number().int().min(1).max(64 * 1024),
    seed: z.number().int().nonnegative(),
    /** A complete log of this size decides correctness; the big one is then measured up to the time limit. */
    correctnessInputMiB: z.number().int().min(1).max(64 * 1024).optional(),
  }),
  async prepare(ctx, { inputMiB, seed, correctnessInputMiB }) {
    const big = await logInput(ctx, seed, inputMiB);
    if (correctnessInputMiB === undefined) {
      return {
        description: describe(big.expected, seed),
        plan: () => planFor(big.dir, false),
        evaluate: (run) => evaluateComplete(run, big.expected),
      };
    }
    const small = await logInput(ctx, seed, correctnessInputMiB);
    return {
      description: `${describe(big.expected, seed)}, measured up to the time limit; correctness on ${describe(small.expected, seed)}`,
      plan: () => planFor(big.dir, true),
      evaluate: (run) => (run.outcome === 'TIME_LIMIT' ? evaluateCapped(run, big.expected.bytes) : evaluateComplete(run, big.expected)),
      correctness: {
        description: describe(small.expected, seed),
        plan: () => planFor(small.dir, false),
        evaluate: (run) => evaluateComplete(run, small.expected),
      },
    };
  },
});
