import type { SandboxRunResult } from '../../sandbox/sandbox.types';
import { DEFAULT_SANDBOX_LIMITS } from '../../sandbox/sandbox.limits';
import { exitMessage, mergeChecks, shouldEvaluate, trialMetrics, verdictOf } from './judge.verdict';

const MiB = 1024 * 1024;

function run(over: Partial<SandboxRunResult> = {}): SandboxRunResult {
  const out = { text: '', bytes: 0, truncated: false };
  return {
    outcome: 'EXITED',
    exitCode: 0,
    signal: null,
    stdout: out,
    stderr: out,
    limits: { ...DEFAULT_SANDBOX_LIMITS, memoryBytes: 128 * MiB },
    measurements: { peakRssBytes: 60 * MiB, baselineRssBytes: 40 * MiB, memoryMethod: 'm', memoryTimeline: [], timelineMethod: 't', wallMs: 1000, cpuUserMs: 900, cpuSysMs: 50, cpuMs: 950, cpuMethod: 'c' },
    ...over,
  };
}
const ok = { checks: [{ name: 'a', passed: true }], metrics: { speed: 5 } };

describe('a run measured up to its time cap', () => {
  const capped = run({ outcome: 'TIME_LIMIT', exitCode: null, progress: { readBytes: 5 * MiB, cpuMs: 900, atMs: 1000, method: 'p' } });
  it('is evaluated only when its plan measures at the time limit', () => {
    expect(shouldEvaluate('batch', capped)).toBe(false);
    expect(shouldEvaluate('batch', capped, { measureAtTimeLimit: false })).toBe(false);
    expect(shouldEvaluate('batch', capped, { measureAtTimeLimit: true })).toBe(true);
  });
  it('is ACCEPTED as a measurement, or keeps the TIME_LIMIT the harness gives it for no progress', () => {
    expect(verdictOf('batch', capped, { checks: [], metrics: { speed: 5 } }).verdict).toBe('ACCEPTED');
    expect(verdictOf('batch', capped, { checks: [], metrics: {}, verdict: 'TIME_LIMIT', message: 'no progress' })).toEqual({ verdict: 'TIME_LIMIT', message: 'no progress' });
    expect(verdictOf('batch', capped, null).verdict).toBe('TIME_LIMIT');
  });
});

describe('verdictOf', () => {
  it('maps limits to their verdicts before reading any output', () => {
    expect(verdictOf('batch', run({ outcome: 'TIME_LIMIT' }), null).verdict).toBe('TIME_LIMIT');
    expect(verdictOf('batch', run({ outcome: 'MEMORY_LIMIT' }), null)).toEqual({ verdict: 'MEMORY_LIMIT', message: 'killed at the 128 MiB memory limit' });
    expect(verdictOf('server', run({ outcome: 'OUTPUT_LIMIT' }), null).verdict).toBe('OUTPUT_LIMIT');
    expect(verdictOf('batch', run({ outcome: 'INTERNAL_ERROR', internalError: 'engine down' }), null)).toEqual({ verdict: 'INTERNAL_ERROR', internalError: 'engine down' });
  });
  it('calls a failed batch exit a RUNTIME_ERROR, a clean one by its checks', () => {
    expect(verdictOf('batch', run({ exitCode: 2 }), null).verdict).toBe('RUNTIME_ERROR');
    expect(verdictOf('batch', run(), ok).verdict).toBe('ACCEPTED');
    expect(verdictOf('batch', run(), { checks: [{ name: 'total', passed: false, detail: 'wrong value (printed 2)' }], metrics: {} })).toEqual({ verdict: 'WRONG_ANSWER', message: 'total: wrong value (printed 2)' });
  });
  it('keeps harness faults apart from the candidate’s', () => {
    expect(verdictOf('server', run({ outcome: 'STOPPED' }), { ...ok, internalError: 'driver crashed' }).verdict).toBe('INTERNAL_ERROR');
    expect(verdictOf('server', run({ outcome: 'STOPPED' }), { ...ok, verdict: 'RUNTIME_ERROR', message: 'never ready' })).toEqual({ verdict: 'RUNTIME_ERROR', message: 'never ready' });
  });
  it('evaluates stopped servers and clean batch exits only', () => {
    expect(shouldEvaluate('server', run({ outcome: 'STOPPED' }))).toBe(true);
    expect(shouldEvaluate('server', run({ exitCode: 1 }))).toBe(true);
    expect(shouldEvaluate('batch', run({ exitCode: 1 }))).toBe(false);
    expect(shouldEvaluate('batch', run({ outcome: 'TIME_LIMIT' }))).toBe(false);
  });
});

describe('exitMessage', () => {
  it('shows the error and the top of its stack rather than the end of a long trace', () => {
    const stderr = ['/app/main.js:1', "throw new Error('boom')", '^', '', 'Error: boom', '    at a (/app/main.js:1:7)', ...Array.from({ length: 12 }, (_, i) => `    at internal ${i}`), '', 'Node.js v24'].join('\n');
    const message = exitMessage(run({ exitCode: 1, stderr: { text: stderr, bytes: stderr.length, truncated: false } }));
    expect(message.split('\n')[0]).toBe('exited with code 1:');
    expect(message).toContain('Error: boom\n    at a (/app/main.js:1:7)');
    expect(message).not.toContain('Node.js v24');
  });
  it('names the signal of a killed program', () => {
    expect(exitMessage(run({ exitCode: null, signal: 'SIGSEGV' }))).toBe('killed by SIGSEGV');
  });
});

describe('trialMetrics and mergeChecks', () => {
  it('scores correctness as the share of checks passed, memory over the baseline', () => {
    const m = trialMetrics(run(), 'WRONG_ANSWER', { checks: [{ name: 'a', passed: true }, { name: 'b', passed: false }], metrics: { speed: 3 } });
    expect(m).toMatchObject({ correctness: 0.5, peakRssOverBaselineBytes: 20 * MiB, wallMs: 1000, cpuMs: 950, speed: 3 });
  });
  it('gives a failed run zero correctness and no harness metrics', () => {
    expect(trialMetrics(run({ outcome: 'MEMORY_LIMIT' }), 'MEMORY_LIMIT', null)).toMatchObject({ correctness: 0 });
    expect(trialMetrics(run(), 'RUNTIME_ERROR', ok)).toMatchObject({ correctness: 0, speed: null });
  });
  it('passes a check only if it passed in every trial', () => {
    expect(mergeChecks([[{ name: 'a', passed: true }, { name: 'b', passed: true }], [{ name: 'a', passed: false, detail: 'x' }, { name: 'b', passed: true }]])).toEqual([
      { name: 'a', passed: false, detail: 'x' },
      { name: 'b', passed: true },
    ]);
  });
});
