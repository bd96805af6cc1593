import {
  ScoringInputSchema,
  type CheckResult,
  type Level,
  type Rubric,
  type RubricDimension,
  type Score,
  type ScoreDimension,
  type ScoringInput,
  type TrialMetrics,
} from '@assay/shared';
import { formatMetric } from './metric.format';

/**
 * Scores one judgement against a rubric. Pure: no I/O, no clock, the same
 * input always gives the same score (a hiring decision rides on it).
 */
export function score(measurements: ScoringInput, rubric: Rubric): Score {
  const input = ScoringInputSchema.parse(measurements);
  const raw = rubric.dimensions.map((d) => scoreDimension(d, input.candidate, input.reference, input.checks));
  const index = new Map(rubric.dimensions.map((d, i) => [d.name, i]));
  // A gate's own gate applies too: throughput gated by latency, gated by correctness.
  const gated = (i: number, depth = 0): number => {
    const gate = rubric.dimensions[i]!.gatedBy;
    const own = raw[i]!.fraction;
    return gate === undefined || depth > rubric.dimensions.length ? own : own * gated(index.get(gate)!, depth + 1);
  };

  const dimensions: ScoreDimension[] = raw.map((r, i) => {
    const d = rubric.dimensions[i]!;
    const fraction = gated(i);
    let detail = r.detail;
    if (d.gatedBy !== undefined && fraction < r.fraction) detail += `; × ${round(fraction / r.fraction, 2)} for ${d.gatedBy}`;
    return { name: d.name, points: round(d.weight * fraction, 1), max: d.weight, detail, value: r.value, basis: d.basis };
  });

  const total = Math.min(100, Math.max(0, round(dimensions.reduce((s, d) => s + d.points, 0), 1)));
  return { total, level: levelFor(total, rubric), rubricVersion: `${rubric.challenge}@${rubric.version}`, dimensions };
}

interface RawDimension {
  fraction: number;
  value: number | null;
  detail: string;
}

function scoreDimension(d: RubricDimension, candidate: TrialMetrics[], reference: TrialMetrics[], checks: CheckResult[]): RawDimension {
  const floored = (v: number) => (d.floor !== undefined ? Math.max(v, d.floor) : v);
  const own = candidate.map((t) => t[d.metric]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  const ownValue = own.length ? aggregate(own.map(floored), d.aggregate) : null;
  // What the reviewer reads is the measured figure; the floor is said separately when it applied.
  const ownShown = own.length ? aggregate(own, d.aggregate) : null;

  let value = ownValue;
  let pairs = 0;
  let anyFloored = false;
  if (d.basis === 'relative') {
    const ratios: number[] = [];
    candidate.forEach((t, i) => {
      const c = t[d.metric];
      const r = reference[i]?.[d.metric];
      if (typeof c === 'number' && typeof r === 'number' && Number.isFinite(c) && floored(r) > 0) {
        ratios.push(floored(c) / floored(r));
        if (floored(r) > r || floored(c) > c) anyFloored = true;
      }
    });
    pairs = ratios.length;
    value = ratios.length ? aggregate(ratios, d.aggregate) : null;
  }

  if (value === null) {
    const why = d.basis === 'relative' && ownValue !== null ? 'no reference trial to compare with' : 'not measured (the run did not finish)';
    return { fraction: 0, value: null, detail: `${d.label}: ${why}` };
  }

  const fraction = readCurve(d.curve, value);
  if (d.metric === 'correctness' && checks.length) return { fraction, value, detail: describeChecks(checks) };
  const shown =
    d.basis === 'relative'
      ? `${d.label} ${ownShown === null ? '' : `${formatMetric(ownShown, d.unit)}${suffix(d)}, `}${formatMetric(value, 'ratio')} the reference (median of ${pairs} pair${pairs === 1 ? '' : 's'})`
      : `${d.label} ${formatMetric(value, d.unit)}${suffix(d)}`;
  // Said when it mattered: "1× the reference" reads as a comparison of the measured figures.
  const floorNote = anyFloored ? `; values under ${formatMetric(d.floor!, d.unit)} count as ${formatMetric(d.floor!, d.unit)} (noise floor)` : '';
  const full = fullMarks(d);
  return { fraction, value, detail: `${shown}${floorNote}${full ? `; full marks ${full}` : ''}` };
}

const suffix = (d: RubricDimension) => (d.suffix ? ` ${d.suffix}` : '');

function describeChecks(checks: CheckResult[]): string {
  const failing = checks.filter((c) => !c.passed).map((c) => c.name);
  if (!failing.length) return `all ${checks.length} checks passed`;
  return `${checks.length - failing.length} of ${checks.length} checks passed; failing: ${failing.join(', ')}`;
}

/** Where the curve gives full marks, in words: "≤ 64 MiB", "≥ 0.85×". */
function fullMarks(d: RubricDimension): string | null {
  const xs = d.curve.filter(([, f]) => f === 1).map(([x]) => x);
  if (!xs.length || xs.length === d.curve.length) return null;
  const unit = d.basis === 'relative' ? 'ratio' : d.unit;
  const rising = d.curve[d.curve.length - 1]![1] === 1;
  return rising ? `≥ ${formatMetric(Math.min(...xs), unit)}` : `≤ ${formatMetric(Math.max(...xs), unit)}`;
}

/** Piecewise-linear interpolation, clamped to the first and last points. */
export function readCurve(curve: ReadonlyArray<readonly [number, number]>, x: number): number {
  const first = curve[0]!;
  const last = curve[curve.length - 1]!;
  if (x <= first[0]) return first[1];
  if (x >= last[0]) return last[1];
  for (let i = 1; i < curve.length; i++) {
    const [x1, y1] = curve[i]!;
    if (x <= x1) {
      const [x0, y0] = curve[i - 1]!;
      return y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
    }
  }
  return last[1];
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function aggregate(values: number[], how: RubricDimension['aggregate']): number {
  if (how === 'min') return Math.min(...values);
  if (how === 'max') return Math.max(...values);
  return median(values);
}

/** The band a total falls in: the highest whose minimum it reaches (the lowest band starts at 0). */
export function levelFor(total: number, rubric: Rubric): Level {
  const bands = [...rubric.levels].sort((a, b) => b.minTotal - a.minTotal);
  return (bands.find((b) => total >= b.minTotal) ?? bands[bands.length - 1]!).level;
}

function round(n: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(n * f) / f;
}
