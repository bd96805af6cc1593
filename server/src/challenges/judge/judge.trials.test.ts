import type { Verdict } from '@assay/shared';
import { DEFAULT_SANDBOX_LIMITS } from '../../sandbox/sandbox.limits';
import type { SandboxRunResult } from '../../sandbox/sandbox.types';
import { runTrials, type Role, type Trial } from './judge.trials';

const out = { text: '', bytes: 0, truncated: false };
const run: SandboxRunResult = {
  outcome: 'EXITED',
  exitCode: 0,
  signal: null,
  stdout: out,
  stderr: out,
  limits: DEFAULT_SANDBOX_LIMITS,
  measurements: { peakRssBytes: 1, baselineRssBytes: 1, memoryMethod: '', memoryTimeline: [], timelineMethod: '', wallMs: 1, cpuUserMs: 1, cpuSysMs: 0, cpuMs: 1, cpuMethod: '' },
};

/** Trials whose verdicts (and invalid measurements) follow a script, in the order they run. */
function scripted(script: Array<{ verdict?: Verdict; retry?: string }>) {
  const ran: string[] = [];
  const runTrial = async (role: Role, index: number): Promise<Trial> => {
    const next = script.shift() ?? {};
    ran.push(`${role[0]}${index}${next.retry ? '?' : ''}`);
    const verdict = next.verdict ?? 'ACCEPTED';
    return { role, index, run, evaluation: { checks: [], metrics: {}, ...(next.retry ? { retry: next.retry } : {}) }, verdict: { verdict } };
  };
  return { ran, runTrial };
}

const progress = () => {};

describe('runTrials', () => {
  it('interleaves reference and candidate trials', async () => {
    const s = scripted([]);
    const r = await runTrials({ trials: 3, paired: true, maxRetries: 2, runTrial: s.runTrial, progress });
    expect(s.ran).toEqual(['r0', 'c0', 'r1', 'c1', 'r2', 'c2']);
    expect('pairs' in r && r.pairs.length).toBe(3);
  });

  it('runs no reference when nothing is relative', async () => {
    const s = scripted([]);
    await runTrials({ trials: 2, paired: false, maxRetries: 2, runTrial: s.runTrial, progress });
    expect(s.ran).toEqual(['c0', 'c1']);
  });

  it('runs a pair again when a measurement is invalid, then gives up rather than score noise', async () => {
    const s = scripted([{}, { retry: 'generator lagged' }, {}, {}]);
    const ok = await runTrials({ trials: 1, paired: true, maxRetries: 2, runTrial: s.runTrial, progress });
    expect(s.ran).toEqual(['r0', 'c0?', 'r0', 'c0']);
    expect('pairs' in ok).toBe(true);

    const noisy = scripted(Array.from({ length: 8 }, () => ({ retry: 'generator lagged' })));
    const r = await runTrials({ trials: 1, paired: true, maxRetries: 2, runTrial: noisy.runTrial, progress });
    expect(noisy.ran).toEqual(['r0?', 'r0?', 'r0?']);
    expect(r).toMatchObject({ internalError: 'no valid measurement after 3 attempts (generator lagged)' });
  });

  it('calls a reference that keeps failing a platform fault', async () => {
    const s = scripted([{ verdict: 'WRONG_ANSWER' }, { verdict: 'WRONG_ANSWER' }]);
    const r = await runTrials({ trials: 1, paired: true, maxRetries: 1, runTrial: s.runTrial, progress });
    expect(r).toMatchObject({ internalError: expect.stringMatching(/^the reference solution failed/) });
  });

  it('stops after a failing candidate: more trials would repeat its verdict', async () => {
    const s = scripted([{}, { verdict: 'MEMORY_LIMIT' }]);
    const r = await runTrials({ trials: 3, paired: true, maxRetries: 2, runTrial: s.runTrial, progress });
    expect(s.ran).toEqual(['r0', 'c0']);
    expect('pairs' in r && r.pairs.map((p) => p.candidate.verdict.verdict)).toEqual(['MEMORY_LIMIT']);
  });

  it('runs each pair, retries included, inside one hold of the lease', async () => {
    const s = scripted([{}, { retry: 'generator lagged' }, {}, {}, {}, {}]);
    const holds: string[][] = [];
    const exclusive = async <T>(pair: () => Promise<T>): Promise<T> => {
      const before = s.ran.length;
      try {
        return await pair();
      } finally {
        holds.push(s.ran.slice(before));
      }
    };
    await runTrials({ trials: 2, paired: true, maxRetries: 2, runTrial: s.runTrial, progress, exclusive });
    expect(holds).toEqual([['r0', 'c0?'], ['r0', 'c0'], ['r1', 'c1']]);
  });
});
