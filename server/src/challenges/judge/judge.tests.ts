import path from 'node:path';
import type { ProgramOutput, TestResult } from '@assay/shared';
import type { SandboxLimits, SandboxRunRequest, SandboxRunResult } from '../../sandbox/sandbox.types';
import type { LoadedChallenge } from '../challenge.types';
import { programOutput } from './judge.output';
import { TapStream } from './judge.tap';
import { overlayFolder, stageSolution } from './judge.workspace';

/** Visible tests get generous limits: they start the program several times. */
const TEST_LIMITS: Partial<SandboxLimits> = { memoryBytes: 512 * 1024 * 1024, wallTimeMs: 60_000, pids: 128 };
export const VISIBLE_TEST_LIMITS = TEST_LIMITS;

/**
 * Runs the challenge's visible tests against a solution, in the candidate's
 * sandbox (they are public, so nothing is hidden from the code under test).
 * The challenge's `tests/` folder replaces whatever the solution has there.
 *
 * @param onTest called once for each entry of the returned `tests`, in their
 *   order, as soon as it is known: a test's result while later tests still
 *   run, a summary entry (timed out, did not run) when the run ends. A run
 *   that ends in `internalError` may have reported some already (its `tests`
 *   are then empty). @defaultValue none
 * @returns the tests, and the run's output (capped for storage) unless it
 *   failed on the platform's side.
 */
export async function runVisibleTests(
  challenge: LoadedChallenge,
  solution: string,
  workDir: string,
  run: (request: SandboxRunRequest) => Promise<SandboxRunResult>,
  limits: Partial<SandboxLimits> = TEST_LIMITS,
  onTest?: (test: TestResult) => void,
): Promise<{ tests: TestResult[]; output?: ProgramOutput; internalError?: string }> {
  const files = challenge.manifest.visibleTests;
  if (!files.length) return { tests: [] };
  const dir = path.join(workDir, 'visible-tests');
  stageSolution(solution, challenge.manifest.entry, dir);
  overlayFolder(challenge.testsDir, path.join(dir, 'tests'));

  const tap = new TapStream(onTest);
  let streamed = false;
  const result = await run({
    codeDir: dir,
    command: ['node', '--test', '--test-reporter=tap', ...files.map((f) => `tests/${f}`)],
    limits,
    onOutput: (stream, chunk) => {
      if (stream !== 'stdout') return;
      streamed = true;
      tap.write(chunk);
    },
  });
  if (result.outcome === 'INTERNAL_ERROR') return { tests: [], internalError: result.internalError ?? 'sandbox failure' };
  // The chunks join up to the captured stdout; a runner that does not stream gives it only now.
  if (!streamed) tap.write(result.stdout.text);
  tap.end();
  const tests = [...tap.results];
  const summary = (test: TestResult) => {
    tests.push(test);
    onTest?.(test);
  };
  if (result.outcome !== 'EXITED') {
    const why = { TIME_LIMIT: 'the tests timed out', MEMORY_LIMIT: 'the tests ran out of memory', OUTPUT_LIMIT: 'the tests printed too much', STOPPED: 'the tests were stopped' }[result.outcome];
    summary({ name: 'visible tests finished', passed: false, skipped: false, message: why });
  } else if (!tests.length) {
    const tail = (result.stderr.text || result.stdout.text).trim().split('\n').slice(-10).join('\n');
    summary({ name: 'visible tests ran', passed: false, skipped: false, message: tail || `node --test exited with code ${result.exitCode}` });
  }
  return { tests, output: programOutput('tests', result) };
}
