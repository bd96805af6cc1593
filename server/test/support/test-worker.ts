/**
 * A worker process with a deliberately broken judge, for the hung-worker
 * tests (run as `node --import tsx server/test/support/test-worker.ts`, with
 * the usual environment plus):
 * - `TEST_JUDGE=hang-once`: a submission's first judgement starts a sandbox
 *   (labelled with the submission) and never returns; later ones judge for real.
 * - `TEST_JUDGE=block-loop`: the judgement spins synchronously for ever (the
 *   event loop stalls).
 * - `TEST_JUDGE_BOUND_MS`: the judgement bound instead of the computed one.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/app/config';
import { startPlatform } from '../../src/app/platform';
import { createLogger } from '../../src/platform/logger';
import { DEFAULT_SANDBOX_LIMITS } from '../../src/sandbox/sandbox.limits';
import { runInSandbox } from '../../src/sandbox/sandbox.runner';
import { judgementBoundMs } from '../../src/submissions/submission.bound';
import { judgeStoredSubmission, type JudgeFn } from '../../src/submissions/submission.judge';
import { startWorker } from '../../src/worker/worker';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel, 'worker');
  const platform = await startPlatform(config, log);
  const judged = new Map<string, number>();
  const judge: JudgeFn = async (input) => {
    const n = (judged.get(input.submissionId) ?? 0) + 1;
    judged.set(input.submissionId, n);
    if (process.env.TEST_JUDGE === 'block-loop') {
      log.warn({ submissionId: input.submissionId }, 'test judge: blocking the event loop');
      for (;;) {
        // a judge stuck in synchronous code
      }
    }
    if (n > 1) return judgeStoredSubmission(input);
    // A harness that never returns, with a sandbox of the submission still running: the signal is ignored.
    const limits = { ...DEFAULT_SANDBOX_LIMITS, wallTimeMs: 600_000 };
    const codeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'assay-hung-'));
    fs.chmodSync(codeDir, 0o755);
    void runInSandbox(input.docker, input.image, { codeDir, command: ['node', '-e', 'setInterval(() => {}, 1000)'], limits, labels: { 'assay.submission': input.submissionId } }, limits);
    log.warn({ submissionId: input.submissionId }, 'test judge: hanging');
    return new Promise(() => undefined);
  };
  const bound = Number(process.env.TEST_JUDGE_BOUND_MS);
  await startWorker(platform, { judge, judgementBoundMs: bound > 0 ? () => bound : judgementBoundMs });
  process.on('SIGTERM', () => process.exit(0));
}

void main().catch((err: Error) => {
  process.stderr.write(`test worker failed: ${err.stack}\n`);
  process.exit(1);
});
