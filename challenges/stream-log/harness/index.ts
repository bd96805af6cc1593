import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { defineHarness } from '../../../server/src/challenges/challenge.types';
import { cachedArtifact } from '../../../server/src/challenges/kit/artifact.cache';
import type { LogAnswer } from './log.answer';
import { checkLogOutput } from './log.check';
import { GENERATOR_VERSION, generateLogInput } from './log.generator';

const MiB = 1024 * 1024;
const CONTAINER_DIR = '/data';
const FILE_NAME = 'access.log';

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
export default defineHarness({
  metrics: ['throughputBytesPerSec', 'inputBytes'],
  params: z.strictObject({
    /** Size of the generated log. */
    inputMiB: z.number().int().min(1).max(64 * 1024),
    seed: z.number().int().nonnegative(),
  }),
  async prepare(ctx, { inputMiB, seed }) {
    const dir = await cachedArtifact(path.join(ctx.cacheDir, 'stream-log'), { v: GENERATOR_VERSION, seed, inputMiB }, async (scratch) => {
      fs.mkdirSync(path.join(scratch, 'input'));
      const input = await generateLogInput(path.join(scratch, 'input', FILE_NAME), { seed, bytes: inputMiB * MiB }, (f) =>
        ctx.onProgress?.(`generating ${inputMiB} MiB of log: ${Math.round(f * 100)}%`),
      );
      fs.writeFileSync(path.join(scratch, 'expected.json'), JSON.stringify(input));
    });
    const expected = JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Expected;
    return {
      description: `${(expected.bytes / MiB).toFixed(0)} MiB access log, ${expected.lines.toLocaleString('en-US')} lines (seed ${seed})`,
      plan: () => ({
        args: [`${CONTAINER_DIR}/${FILE_NAME}`],
        mounts: [{ hostPath: path.join(dir, 'input'), containerPath: CONTAINER_DIR }],
      }),
      evaluate: (run) => {
        const checks = checkLogOutput(run.stdout.text, expected.answer);
        // min(wall, CPU): CPU time does not count waiting for a CPU another process holds (a
        // shared worker), wall time credits a program that parses on several threads at once.
        const { wallMs, cpuMs } = run.measurements;
        const seconds = (cpuMs > 0 ? Math.min(wallMs, cpuMs) : wallMs) / 1000;
        return {
          checks,
          metrics: { inputBytes: expected.bytes, throughputBytesPerSec: seconds > 0 ? expected.bytes / seconds : null },
        };
      },
    };
  },
});
