import { RubricSchema } from '@assay/shared';
import { batchRubric, latencyRubric, streamingTrials } from './score.fixtures';
import { median, readCurve, score } from './score';

const MiB = 1024 * 1024;

describe('score', () => {
  it('explains each dimension in one line a reviewer can read', () => {
    const s = score({ ...streamingTrials(41, 1), checks: [{ name: 'total', passed: true }] }, batchRubric);
    const memory = s.dimensions.find((d) => d.name === 'memory')!;
    expect(memory.detail).toBe('peak 41 MiB over baseline; full marks ≤ 64 MiB');
    expect(s.dimensions.find((d) => d.name === 'correctness')!.detail).toBe('all 1 checks passed');
    expect(s.dimensions.find((d) => d.name === 'throughput')!.detail).toMatch(/^throughput \d+ MiB\/s, 1× the reference \(median of 3 pairs\); full marks ≥ 0.85×$/);
    expect(s.total).toBe(100);
    expect(s.level).toBe('senior');
    expect(s.rubricVersion).toBe('fixture-batch@3');
  });

  it('gives a correct streaming solution at half the reference speed at least 90', () => {
    const s = score(streamingTrials(30, 0.5), batchRubric);
    expect(s.total).toBeGreaterThanOrEqual(90);
    expect(s.total).toBeLessThan(100);
  });

  it('uses the median of per-pair ratios, not the ratio of medians', () => {
    // Pairs ran interleaved: a slow machine moment slows both runs of a pair.
    const reference = [{ t: 100 }, { t: 200 }, { t: 100 }];
    const candidate = [{ t: 50 }, { t: 100 }, { t: 60 }];
    const rubric = RubricSchema.parse({
      challenge: 'r',
      version: 1,
      dimensions: [{ name: 'speed', weight: 100, metric: 't', basis: 'relative', unit: 'perSecond', label: 'rate', curve: [[0, 0], [1, 1]] }],
      levels: [{ level: 'junior', minTotal: 0 }],
    });
    const s = score({ candidate, reference }, rubric);
    expect(s.dimensions[0]!.value).toBe(0.5); // ratios .5 .5 .6; the ratio of medians would be .6
    expect(s.total).toBe(50);
  });

  it('multiplies gated dimensions by the gate: a fast wrong answer earns little', () => {
    const { candidate, reference } = streamingTrials(10, 1.2);
    const wrong = candidate.map((t) => ({ ...t, correctness: 0.4 }));
    const s = score({ candidate: wrong, reference, checks: [{ name: 'total', passed: true }, { name: 'topRoutes', passed: false }] }, batchRubric);
    expect(s.dimensions.map((d) => d.points)).toEqual([20, 10, 10]);
    expect(s.dimensions[0]!.detail).toBe('1 of 2 checks passed; failing: topRoutes');
    expect(s.dimensions[1]!.detail).toContain('× 0.4 for correctness');
    expect(s.total).toBeLessThanOrEqual(40);
  });

  it('scores a failed run zero and says why', () => {
    const s = score({ candidate: [{ correctness: 0, peakRssOverBaselineBytes: 200 * MiB, throughputBytesPerSec: null }], reference: [{ throughputBytesPerSec: 1 }] }, batchRubric);
    expect(s.total).toBe(0);
    expect(s.dimensions[2]!.detail).toBe('throughput: not measured (the run did not finish)');
    expect(s.level).toBe('junior');
  });

  it('takes the worst trial for correctness (aggregate min)', () => {
    const { candidate, reference } = streamingTrials(10, 1);
    candidate[1]!.correctness = 0;
    expect(score({ candidate, reference }, batchRubric).total).toBe(0);
  });

  it('raises latencies to the noise floor before taking ratios', () => {
    // 0.4 ms vs 1.5 ms would be a 3.75× ratio of noise; both count as 2 ms.
    const s = score({ candidate: [{ correctness: 1, latencyP99Ms: 1.5 }], reference: [{ latencyP99Ms: 0.4 }] }, latencyRubric);
    expect(s.dimensions[1]!.value).toBe(1);
    expect(s.total).toBe(100);
    const slow = score({ candidate: [{ correctness: 1, latencyP99Ms: 12 }], reference: [{ latencyP99Ms: 2 }] }, latencyRubric);
    expect(slow.dimensions[1]!.points).toBe(20); // ratio 6 → halfway down the curve
    expect(slow.dimensions[1]!.detail).toBe('/health p99 12 ms, 6× the reference (median of 1 pair); full marks ≤ 2×');
    const underFloor = score({ candidate: [{ correctness: 1, latencyP99Ms: 12 }], reference: [{ latencyP99Ms: 1.2 }] }, latencyRubric);
    expect(underFloor.dimensions[1]!.value).toBe(6);
    expect(underFloor.dimensions[1]!.detail).toBe('/health p99 12 ms, 6× the reference (median of 1 pair); values under 2 ms count as 2 ms (noise floor); full marks ≤ 2×');
    // The candidate's own figure is shown as measured, not as floored.
    const bothUnder = score({ candidate: [{ correctness: 1, latencyP99Ms: 1.5 }], reference: [{ latencyP99Ms: 0.4 }] }, latencyRubric);
    expect(bothUnder.dimensions[1]!.detail).toBe('/health p99 1.5 ms, 1× the reference (median of 1 pair); values under 2 ms count as 2 ms (noise floor); full marks ≤ 2×');
    expect(slow.level).toBe('junior');
  });

  it('is deterministic', () => {
    const input = streamingTrials(77, 0.63);
    expect(score(input, batchRubric)).toEqual(score(structuredClone(input), batchRubric));
  });
});

describe('readCurve and median', () => {
  it('interpolates and clamps', () => {
    const curve = [[0, 0], [10, 1]] as const;
    expect(readCurve(curve, -5)).toBe(0);
    expect(readCurve(curve, 2.5)).toBe(0.25);
    expect(readCurve(curve, 50)).toBe(1);
    expect(readCurve([[1, 0.3]], 7)).toBe(0.3);
  });
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
  });
});

describe('RubricSchema', () => {
  const dim = { name: 'a', weight: 100, metric: 'm', basis: 'absolute', unit: 'count', label: 'a', curve: [[0, 0], [1, 1]] };
  const levels = [{ level: 'junior', minTotal: 0 }];
  it('rejects weights that do not add up to 100', () => {
    const r = RubricSchema.safeParse({ challenge: 'x', version: 1, dimensions: [{ ...dim, weight: 90 }], levels });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toBe('weights must add up to 100 (they add up to 90)');
  });
  it('rejects a curve whose x does not ascend, and an unknown gate', () => {
    expect(RubricSchema.safeParse({ challenge: 'x', version: 1, dimensions: [{ ...dim, curve: [[1, 0], [1, 1]] }], levels }).success).toBe(false);
    expect(RubricSchema.safeParse({ challenge: 'x', version: 1, dimensions: [{ ...dim, gatedBy: 'nope' }], levels }).success).toBe(false);
  });
});

describe('chained gates', () => {
  const rubric = RubricSchema.parse({
    challenge: 'chain',
    version: 1,
    dimensions: [
      { name: 'correctness', weight: 30, metric: 'correctness', basis: 'absolute', aggregate: 'min', unit: 'fraction', label: 'correct', curve: [[0, 0], [1, 1]] },
      { name: 'latency', weight: 50, metric: 'p99', basis: 'absolute', unit: 'ms', label: 'p99', curve: [[2, 1], [10, 0]], gatedBy: 'correctness' },
      { name: 'throughput', weight: 20, metric: 'rate', basis: 'absolute', unit: 'perSecond', label: 'rate', curve: [[0, 0], [10, 1]], gatedBy: 'latency' },
    ],
    levels: [{ level: 'junior', minTotal: 0 }],
  });
  it('applies a gate’s own gate: a wrong answer earns no throughput however fast', () => {
    const s = score({ candidate: [{ correctness: 0, p99: 1, rate: 10 }] }, rubric);
    expect(s.total).toBe(0);
    expect(s.dimensions[2]!.detail).toBe('rate 10/s; full marks ≥ 10/s; × 0 for latency');
  });
  it('lets throughput count as far as the event loop stayed responsive', () => {
    expect(score({ candidate: [{ correctness: 1, p99: 6, rate: 10 }] }, rubric).dimensions.map((d) => d.points)).toEqual([30, 25, 10]);
  });
  it('rejects gates that form a cycle', () => {
    const dims = rubric.dimensions.map((d) => (d.name === 'correctness' ? { ...d, gatedBy: 'throughput' } : d));
    const r = RubricSchema.safeParse({ ...rubric, dimensions: dims });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toMatch(/cycle/);
  });
});
