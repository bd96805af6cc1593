import type { OutputHead, ProgramOutput } from '@assay/shared';
import type { CapturedOutput, SandboxRunResult } from '../../sandbox/sandbox.types';
import type { Trial } from './judge.trials';

/**
 * Bytes kept of each of stdout and stderr per run in a stored report. The
 * sandbox already caps what it captures (`outputBytes`, 1 MiB), but a run row
 * holds several runs and is read on every review: the head of a crash (the
 * error and its stack) fits well within this, a flood of logging does not
 * belong in the database.
 * @defaultValue 16 KiB
 */
export const STORED_OUTPUT_BYTES = 16 * 1024;

/**
 * The first `maxBytes` bytes of a captured stream, cut at a character
 * boundary. `bytes` stays what the program wrote; `truncated` says whether
 * anything is missing, here or already in the sandbox.
 */
export function capOutput(captured: CapturedOutput, maxBytes = STORED_OUTPUT_BYTES): OutputHead {
  const buf = Buffer.from(captured.text, 'utf8');
  if (buf.length <= maxBytes) return { text: captured.text, bytes: captured.bytes, truncated: captured.truncated };
  let end = maxBytes;
  // Back off continuation bytes (10xxxxxx) so the last character is whole, not a U+FFFD.
  while (end > 0 && (buf[end]! & 0xc0) === 0x80) end--;
  return { text: buf.subarray(0, end).toString('utf8'), bytes: captured.bytes, truncated: true };
}

/**
 * What the candidate's process printed in one run. Only the candidate
 * container's streams: a sidecar (the hidden harness's driver) is trusted
 * platform code whose output must never reach the candidate.
 */
export function programOutput(source: ProgramOutput['source'], run: SandboxRunResult, trial?: number): ProgramOutput {
  return {
    source,
    ...(trial === undefined ? {} : { trial }),
    outcome: run.outcome,
    exitCode: run.exitCode,
    stdout: capOutput(run.stdout),
    stderr: capOutput(run.stderr),
  };
}

/** The output of the candidate's trials among all those run, in order; reference trials are left out. */
export function candidateTrialOutputs(trials: Trial[]): ProgramOutput[] {
  return trials.filter((t) => t.role === 'candidate').map((t) => programOutput('trial', t.run, t.index));
}
