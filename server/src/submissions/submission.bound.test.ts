import { loadChallenge } from '../challenges/challenge.loader';
import { judgeLimits } from '../challenges/judge/judge.limits';
import { VISIBLE_TEST_LIMITS } from '../challenges/judge/judge.tests';
import type Dockerode from 'dockerode';
import type { JudgeReport } from '@assay/shared';
import { judgementBoundMs, judgeWithinBound } from './submission.bound';

describe('the bound of a judgement', () => {
  it.each(['stream-log', 'fan-out'])('covers every run %s may make at its wall limit, at both scales', (slug) => {
    const challenge = loadChallenge(slug);
    const paired = challenge.rubric.dimensions.some((d) => d.basis === 'relative');
    for (const scale of ['quick', 'full'] as const) {
      const spec = challenge.manifest.scales[scale];
      // The trials, a correctness run on a complete smaller input, and the visible tests.
      const runsAtTheirLimit = (spec.trials * (paired ? 2 : 1) + 1) * judgeLimits(spec.limits).wallTimeMs + VISIBLE_TEST_LIMITS.wallTimeMs!;
      expect(judgementBoundMs(challenge, 'final', scale)).toBeGreaterThan(runsAtTheirLimit);
      expect(judgementBoundMs(challenge, 'final', scale)).toBeLessThan(24 * 3_600_000);
    }
    // A test run is the visible tests only: a much shorter bound.
    expect(judgementBoundMs(challenge, 'test', 'full')).toBeGreaterThan(VISIBLE_TEST_LIMITS.wallTimeMs!);
    expect(judgementBoundMs(challenge, 'test', 'full')).toBeLessThan(judgementBoundMs(challenge, 'final', 'quick'));
  });
});

describe('judgeWithinBound', () => {
  const accepted = { challenge: 'c', scale: 'quick', verdict: 'ACCEPTED', score: null, measurements: null, tests: [], checks: [], trials: [] } as unknown as JudgeReport;
  /** A Docker engine that holds one container of the submission and records its removal. */
  function fakeDocker() {
    const removed: string[] = [];
    const docker = {
      listContainers: async () => [{ Id: 'c1' }],
      getContainer: (id: string) => ({ remove: async () => void removed.push(id) }),
    } as unknown as Dockerode;
    return { docker, removed };
  }
  const opts = (docker: Dockerode, boundMs: number) => ({ boundMs, docker, submissionId: 's1', challenge: 'c', scale: 'quick' as const });
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('aborts a judgement that runs past its bound, removes its containers and reports a platform fault', async () => {
    const { docker, removed } = fakeDocker();
    let signal: AbortSignal | undefined;
    const report = await judgeWithinBound((s) => {
      signal = s;
      return new Promise<JudgeReport>(() => undefined); // hung
    }, opts(docker, 50));
    expect(report.verdict).toBe('INTERNAL_ERROR');
    expect(report.message).toMatch(/ran past its bound/);
    expect(signal?.aborted).toBe(true);
    expect(removed).toEqual(['c1']);
  });

  it('does not count time spent queueing for the CPU lease', async () => {
    const { docker, removed } = fakeDocker();
    const report = await judgeWithinBound(async (_signal, clock) => {
      const served = clock.pause();
      await sleep(400); // another judgement holds the lease for longer than this one's whole bound
      served();
      served(); // a second call changes nothing
      return accepted;
    }, opts(docker, 150));
    expect(report.verdict).toBe('ACCEPTED');
    expect(removed).toEqual([]);
  });

  it('keeps counting the judgement\'s own time around the pauses', async () => {
    const { docker } = fakeDocker();
    const report = await judgeWithinBound(async (_signal, clock) => {
      clock.pause()();
      return new Promise<JudgeReport>(() => undefined); // hung after its turn came
    }, opts(docker, 60));
    expect(report.verdict).toBe('INTERNAL_ERROR');
  });
});
