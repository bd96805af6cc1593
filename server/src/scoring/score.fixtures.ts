import { RubricSchema, type Rubric, type TrialMetrics } from '@assay/shared';

const MiB = 1024 * 1024;

/** A batch-style rubric like stream-log's: correctness gates memory and throughput. */
export const batchRubric: Rubric = RubricSchema.parse({
  challenge: 'fixture-batch',
  version: 3,
  dimensions: [
    { name: 'correctness', weight: 50, metric: 'correctness', basis: 'absolute', aggregate: 'min', unit: 'fraction', label: 'correct', curve: [[0, 0], [1, 1]] },
    {
      name: 'memory',
      weight: 25,
      metric: 'peakRssOverBaselineBytes',
      basis: 'absolute',
      unit: 'bytes',
      label: 'peak',
      suffix: 'over baseline',
      curve: [[64 * MiB, 1], [128 * MiB, 0.4], [512 * MiB, 0]],
      gatedBy: 'correctness',
    },
    {
      name: 'throughput',
      weight: 25,
      metric: 'throughputBytesPerSec',
      basis: 'relative',
      unit: 'bytesPerSecond',
      label: 'throughput',
      curve: [[0.1, 0], [0.5, 0.7], [0.85, 1]],
      gatedBy: 'correctness',
    },
  ],
  levels: [
    { level: 'junior', minTotal: 0 },
    { level: 'mid', minTotal: 60 },
    { level: 'senior', minTotal: 85 },
  ],
});

/** A latency rubric with a noise floor, lower is better. */
export const latencyRubric: Rubric = RubricSchema.parse({
  challenge: 'fixture-server',
  version: 1,
  dimensions: [
    { name: 'correctness', weight: 60, metric: 'correctness', basis: 'absolute', aggregate: 'min', unit: 'fraction', label: 'correct', curve: [[0, 0], [1, 1]] },
    { name: 'latency', weight: 40, metric: 'latencyP99Ms', basis: 'relative', unit: 'ms', label: '/health p99', floor: 2, curve: [[2, 1], [10, 0]], gatedBy: 'correctness' },
  ],
  levels: [
    { level: 'junior', minTotal: 0 },
    { level: 'senior', minTotal: 90 },
  ],
});

/** Candidate trials of a correct streaming solution: `mib` over baseline, `speed` × the reference. */
export function streamingTrials(mib: number, speed: number, n = 3): { candidate: TrialMetrics[]; reference: TrialMetrics[] } {
  const reference = Array.from({ length: n }, (_, i) => ({ correctness: 1, peakRssOverBaselineBytes: 20 * MiB, throughputBytesPerSec: (500 + i * 7) * MiB }));
  const candidate = reference.map((r) => ({ correctness: 1, peakRssOverBaselineBytes: mib * MiB, throughputBytesPerSec: r.throughputBytesPerSec * speed }));
  return { candidate, reference };
}
