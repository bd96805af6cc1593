import { z } from 'zod';
import { CheckResultSchema, ScaleSchema, TestResultSchema } from './challenge';
import { LatencySummarySchema } from './measurement';
import { VerdictSchema } from './verdict';

export const LEVELS = ['junior', 'mid', 'senior'] as const;
export const LevelSchema = z.enum(LEVELS);
export type Level = z.infer<typeof LevelSchema>;

/** How a metric is displayed in a dimension's one-line explanation. */
export const METRIC_UNITS = ['fraction', 'bytes', 'bytesPerSecond', 'ms', 'ratio', 'count', 'perSecond'] as const;
export const MetricUnitSchema = z.enum(METRIC_UNITS);
export type MetricUnit = z.infer<typeof MetricUnitSchema>;

/**
 * `absolute`: the curve's x is the metric itself (median over candidate trials).
 * `relative`: x is candidate ÷ reference, per interleaved trial pair, median of the ratios.
 */
export const ThresholdBasisSchema = z.enum(['absolute', 'relative']);
export type ThresholdBasis = z.infer<typeof ThresholdBasisSchema>;

/** A point of a metric→points curve: [metric value, fraction of the dimension's points]. */
export const CurvePointSchema = z.tuple([z.number(), z.number().min(0).max(1)]);

export const RubricDimensionSchema = z
  .strictObject({
    /** Stable name ("correctness", "memory", "throughput", "latency", …). */
    name: z.string().regex(/^[a-z][a-zA-Z0-9]*$/),
    /** Points this dimension is worth; the weights of a rubric add up to 100. */
    weight: z.number().positive().max(100),
    /** Name of the metric scored (see `TrialMetrics`), e.g. "peakRssOverBaselineBytes". */
    metric: z.string().min(1),
    basis: ThresholdBasisSchema,
    /** How trials are combined: correctness takes the worst trial. @defaultValue median */
    aggregate: z.enum(['median', 'min', 'max']).default('median'),
    unit: MetricUnitSchema,
    /** Words placed before the figure in the explanation ("peak", "/health p99"). */
    label: z.string().min(1),
    /** Words placed after it ("over baseline"). */
    suffix: z.string().default(''),
    /**
     * Piecewise-linear metric→points curve, x strictly ascending, clamped at both
     * ends. Lower-is-better metrics simply have falling fractions.
     */
    curve: z.array(CurvePointSchema).min(1),
    /**
     * Metric values below this count as this (the measurement's noise floor), so
     * a ratio of two sub-millisecond latencies does not swing the score.
     */
    floor: z.number().nonnegative().optional(),
    /**
     * Name of another dimension whose score fraction multiplies this one: speed
     * and frugality of a wrong answer are worth nothing.
     */
    gatedBy: z.string().optional(),
  })
  .superRefine((d, ctx) => {
    for (let i = 1; i < d.curve.length; i++) {
      if (d.curve[i]![0] <= d.curve[i - 1]![0]) {
        ctx.addIssue({ code: 'custom', path: ['curve', i], message: 'curve x values must be strictly ascending' });
      }
    }
  });
export type RubricDimension = z.infer<typeof RubricDimensionSchema>;

/** `challenges/<slug>/rubric.json`: versioned; a score names the version that produced it. */
export const RubricSchema = z
  .strictObject({
    challenge: z.string().min(1),
    version: z.number().int().positive(),
    dimensions: z.array(RubricDimensionSchema).min(1),
    /** Level bands: the highest band whose `minTotal` the total reaches. */
    levels: z.array(z.strictObject({ level: LevelSchema, minTotal: z.number().min(0).max(100) })).min(1),
  })
  .superRefine((r, ctx) => {
    const sum = r.dimensions.reduce((s, d) => s + d.weight, 0);
    if (Math.abs(sum - 100) > 1e-9) ctx.addIssue({ code: 'custom', path: ['dimensions'], message: `weights must add up to 100 (they add up to ${sum})` });
    const names = new Set<string>();
    for (const [i, d] of r.dimensions.entries()) {
      if (names.has(d.name)) ctx.addIssue({ code: 'custom', path: ['dimensions', i, 'name'], message: `duplicate dimension "${d.name}"` });
      names.add(d.name);
    }
    for (const [i, d] of r.dimensions.entries()) {
      if (d.gatedBy !== undefined && (!names.has(d.gatedBy) || d.gatedBy === d.name)) {
        ctx.addIssue({ code: 'custom', path: ['dimensions', i, 'gatedBy'], message: `gatedBy must name another dimension (got "${d.gatedBy}")` });
      }
    }
    const gateOf = new Map(r.dimensions.map((d) => [d.name, d.gatedBy]));
    for (const [i, d] of r.dimensions.entries()) {
      const seen = new Set([d.name]);
      for (let g = d.gatedBy; g !== undefined; g = gateOf.get(g)) {
        if (seen.has(g)) {
          ctx.addIssue({ code: 'custom', path: ['dimensions', i, 'gatedBy'], message: `gates form a cycle through "${g}"` });
          break;
        }
        seen.add(g);
      }
    }
    if (!r.levels.some((l) => l.minTotal === 0)) ctx.addIssue({ code: 'custom', path: ['levels'], message: 'one level band must start at minTotal 0' });
  });
export type Rubric = z.infer<typeof RubricSchema>;
export type RubricInput = z.input<typeof RubricSchema>;

/** Metrics of one trial, by name; `null` when the run could not measure it. */
export const TrialMetricsSchema = z.record(z.string(), z.number().nullable());
export type TrialMetrics = z.infer<typeof TrialMetricsSchema>;

/** What the pure scorer reads. Reference trials pair with candidate trials by index. */
export const ScoringInputSchema = z.object({
  candidate: z.array(TrialMetricsSchema).min(1),
  reference: z.array(TrialMetricsSchema).default([]),
  /** Correctness checks (merged over trials) to name the failures in the explanation. */
  checks: z.array(CheckResultSchema).default([]),
});
export type ScoringInput = z.input<typeof ScoringInputSchema>;

export const ScoreDimensionSchema = z.object({
  name: z.string(),
  points: z.number().min(0),
  max: z.number().positive(),
  /** One line a reviewer can read: "peak 41 MiB over baseline; full marks ≤ 64 MiB". */
  detail: z.string(),
  /** The x the curve was read at (the metric, or the candidate ÷ reference ratio). */
  value: z.number().nullable(),
  basis: ThresholdBasisSchema,
});
export type ScoreDimension = z.infer<typeof ScoreDimensionSchema>;

export const ScoreSchema = z.object({
  total: z.number().min(0).max(100),
  level: LevelSchema,
  /** "<challenge>@<version>" of the rubric that produced this score. */
  rubricVersion: z.string(),
  dimensions: z.array(ScoreDimensionSchema),
});
export type Score = z.infer<typeof ScoreSchema>;

/** The figures of a judgement (medians over candidate trials), each with how it was measured. */
export const ReportMeasurementsSchema = z.object({
  peakRssBytes: z.number().int().nonnegative(),
  baselineRssBytes: z.number().int().nonnegative(),
  wallMs: z.number().nonnegative(),
  cpuMs: z.number().nonnegative(),
  memoryMethod: z.string(),
  latency: LatencySummarySchema.optional(),
});
export type ReportMeasurements = z.infer<typeof ReportMeasurementsSchema>;

/** One sandbox run of a judgement, reference or candidate, in the order they ran. */
export const TrialSummarySchema = z.object({
  role: z.enum(['reference', 'candidate']),
  index: z.number().int().nonnegative(),
  verdict: VerdictSchema,
  outcome: z.string(),
  wallMs: z.number().nonnegative(),
  peakRssBytes: z.number().int().nonnegative(),
  metrics: TrialMetricsSchema,
});
export type TrialSummary = z.infer<typeof TrialSummarySchema>;

/**
 * The head of one output stream of a program, as stored with a run: the
 * sandbox caps what it captures while the program runs, the judge caps it
 * again (to a few KiB) before it is stored.
 */
export const OutputHeadSchema = z.object({
  /** The first bytes of the stream, decoded as UTF-8 (never a character cut in half). */
  text: z.string(),
  /** Bytes the program wrote in total, kept or not. */
  bytes: z.number().int().nonnegative(),
  /** True when `text` is not the whole stream. */
  truncated: z.boolean(),
});
export type OutputHead = z.infer<typeof OutputHeadSchema>;

/**
 * What the candidate's own program printed in one sandbox run of a judgement:
 * the visible-test run (`tests`: the public tests and the candidate's code) or
 * a scored candidate trial (`trial`). Never a reference run, never the hidden
 * harness or its sidecar: the candidate may read these.
 */
export const ProgramOutputSchema = z.object({
  source: z.enum(['tests', 'trial']),
  /** Index of the trial, for `trial` (a trial run again after an invalid measurement appears again). */
  trial: z.number().int().nonnegative().optional(),
  /** How the process ended (`RunOutcome`: EXITED, TIME_LIMIT, …). */
  outcome: z.string(),
  exitCode: z.number().int().nullable(),
  stdout: OutputHeadSchema,
  stderr: OutputHeadSchema,
});
export type ProgramOutput = z.infer<typeof ProgramOutputSchema>;

/** A finished judgement; also what `assay score --json` prints. */
export const JudgeReportSchema = z.object({
  challenge: z.string(),
  scale: ScaleSchema,
  verdict: VerdictSchema,
  /** Null for INTERNAL_ERROR: a platform fault has no score. */
  score: ScoreSchema.nullable(),
  measurements: ReportMeasurementsSchema.nullable(),
  tests: z.array(TestResultSchema),
  checks: z.array(CheckResultSchema),
  trials: z.array(TrialSummarySchema),
  /** The candidate program's output, run by run (see `ProgramOutputSchema`). @defaultValue none: older reports */
  output: z.array(ProgramOutputSchema).optional(),
  /** What went wrong, when the verdict is not ACCEPTED (stderr excerpt, failed check). */
  message: z.string().optional(),
});
export type JudgeReport = z.infer<typeof JudgeReportSchema>;
