import { loadChallenge } from '../challenges/challenge.loader';
import { judgeLimits } from '../challenges/judge/judge.limits';
import { VISIBLE_TEST_LIMITS } from '../challenges/judge/judge.tests';
import { judgementBoundMs } from './submission.bound';

describe('the bound of a judgement', () => {
  it.each(['stream-log', 'fan-out'])('covers every run %s may make at its wall limit, at both scales', (slug) => {
    const challenge = loadChallenge(slug);
    const paired = challenge.rubric.dimensions.some((d) => d.basis === 'relative');
    for (const scale of ['quick', 'full'] as const) {
      const spec = challenge.manifest.scales[scale];
      const runsAtTheirLimit = spec.trials * (paired ? 2 : 1) * judgeLimits(spec.limits).wallTimeMs + VISIBLE_TEST_LIMITS.wallTimeMs!;
      expect(judgementBoundMs(challenge, 'final', scale)).toBeGreaterThan(runsAtTheirLimit);
      expect(judgementBoundMs(challenge, 'final', scale)).toBeLessThan(24 * 3_600_000);
    }
    // A test run is the visible tests only: a much shorter bound.
    expect(judgementBoundMs(challenge, 'test', 'full')).toBeGreaterThan(VISIBLE_TEST_LIMITS.wallTimeMs!);
    expect(judgementBoundMs(challenge, 'test', 'full')).toBeLessThan(judgementBoundMs(challenge, 'final', 'quick'));
  });
});
