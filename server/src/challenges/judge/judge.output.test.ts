import { ProgramOutputSchema } from '@assay/shared';
import { DEFAULT_SANDBOX_LIMITS } from '../../sandbox/sandbox.limits';
import type { CapturedOutput, SandboxRunResult } from '../../sandbox/sandbox.types';
import { candidateTrialOutputs, capOutput, programOutput, STORED_OUTPUT_BYTES } from './judge.output';
import type { Role, Trial } from './judge.trials';

const captured = (text: string, extra: Partial<CapturedOutput> = {}): CapturedOutput => ({ text, bytes: Buffer.byteLength(text), truncated: false, ...extra });

function runOf(stdout: string, stderr: string, sidecar?: string): SandboxRunResult {
  return {
    outcome: 'EXITED',
    exitCode: 1,
    signal: null,
    stdout: captured(stdout),
    stderr: captured(stderr),
    limits: DEFAULT_SANDBOX_LIMITS,
    measurements: { peakRssBytes: 1, baselineRssBytes: 1, memoryMethod: '', memoryTimeline: [], timelineMethod: '', wallMs: 1, cpuUserMs: 1, cpuSysMs: 0, cpuMs: 1, cpuMethod: '' },
    ...(sidecar === undefined ? {} : { sidecar: { exitCode: 0, stdout: captured(sidecar), stderr: captured(sidecar) } }),
  };
}

const trial = (role: Role, index: number, run: SandboxRunResult): Trial => ({ role, index, run, evaluation: null, verdict: { verdict: 'RUNTIME_ERROR' } });

describe('capOutput', () => {
  it('keeps a short stream whole, with its own byte count and flag', () => {
    expect(capOutput(captured('boom\n'))).toEqual({ text: 'boom\n', bytes: 5, truncated: false });
    // The sandbox already cut it: still flagged, and the total is what the program wrote.
    expect(capOutput(captured('head', { bytes: 2_000_000, truncated: true }))).toEqual({ text: 'head', bytes: 2_000_000, truncated: true });
  });

  it('keeps the head of a long stream within the cap, flagged, with the total bytes', () => {
    const text = 'x'.repeat(STORED_OUTPUT_BYTES + 100);
    const head = capOutput(captured(text));
    expect(head.text).toBe('x'.repeat(STORED_OUTPUT_BYTES));
    expect(head).toMatchObject({ bytes: STORED_OUTPUT_BYTES + 100, truncated: true });
  });

  it('never cuts a multi-byte character in half', () => {
    // 'é' is 2 bytes, '€' 3: a cap of 4 falls inside the '€'.
    const head = capOutput(captured('é€€'), 4);
    expect(head.text).toBe('é');
    expect(head.text).not.toContain('\uFFFD');
    expect(head).toMatchObject({ bytes: 8, truncated: true });
    expect(capOutput(captured('é€€'), 5).text).toBe('é€');
    expect(capOutput(captured('€'), 2).text).toBe('');
  });
});

describe('program output of a judgement', () => {
  it('keeps only the candidate container, never the sidecar (the hidden harness)', () => {
    const out = programOutput('trial', runOf('answer', 'boom-marker', 'HARNESS-SECRET'), 0);
    expect(ProgramOutputSchema.parse(out)).toEqual(out);
    expect(out).toMatchObject({ source: 'trial', trial: 0, outcome: 'EXITED', exitCode: 1, stdout: { text: 'answer' }, stderr: { text: 'boom-marker' } });
    expect(JSON.stringify(out)).not.toContain('HARNESS-SECRET');
  });

  it('leaves reference trials out and keeps the candidate trials in order', () => {
    const history = [
      trial('reference', 0, runOf('REFERENCE-ANSWER', '', 'HARNESS-SECRET')),
      trial('candidate', 0, runOf('', 'first', 'HARNESS-SECRET')),
      trial('reference', 1, runOf('REFERENCE-ANSWER', 'REFERENCE-LOG')),
      trial('candidate', 1, runOf('', 'second')),
    ];
    const outputs = candidateTrialOutputs(history);
    expect(outputs.map((o) => [o.source, o.trial, o.stderr.text])).toEqual([['trial', 0, 'first'], ['trial', 1, 'second']]);
    expect(JSON.stringify(outputs)).not.toMatch(/REFERENCE|HARNESS/);
  });

  it('caps each stream of each run for storage', () => {
    const big = 'y'.repeat(3 * STORED_OUTPUT_BYTES);
    const out = programOutput('tests', runOf(big, big));
    expect(out.trial).toBeUndefined();
    for (const stream of [out.stdout, out.stderr]) expect(stream).toEqual({ text: big.slice(0, STORED_OUTPUT_BYTES), bytes: big.length, truncated: true });
  });
});
