import { z } from 'zod';

/** How big a judgement is: `quick` for tests, CI and practice runs; `full` for the real score. */
export const SCALES = ['quick', 'full'] as const;
export const ScaleSchema = z.enum(SCALES);
export type Scale = z.infer<typeof ScaleSchema>;

/**
 * `batch`: the program runs to completion on its input (`node <entry> …args`).
 * `server`: the program listens on `process.env.PORT` and a harness drives it.
 */
export const CHALLENGE_KINDS = ['batch', 'server'] as const;
export const ChallengeKindSchema = z.enum(CHALLENGE_KINDS);
export type ChallengeKind = z.infer<typeof ChallengeKindSchema>;

export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;
export const DifficultySchema = z.enum(DIFFICULTIES);

/** A file inside the challenge's solution folder: relative, no `..`, no leading slash. */
const RelativeFileSchema = z
  .string()
  .regex(/^(?!\/)(?!.*(?:^|\/)\.\.(?:\/|$))[\w./-]+$/, 'must be a relative path inside the solution (no "..", no leading "/")');

/**
 * Sandbox limits a challenge asks for at one scale, in human units. Each may
 * only lower the platform's configured limit; what is absent keeps the default.
 */
export const ChallengeLimitsSchema = z.strictObject({
  memoryMiB: z.number().int().min(16).max(65536).optional(),
  wallTimeSec: z.number().positive().max(3600).optional(),
  pids: z.number().int().min(4).max(4096).optional(),
  tmpfsMiB: z.number().int().min(1).max(4096).optional(),
  outputKiB: z.number().int().min(1).max(65536).optional(),
  nofile: z.number().int().min(16).max(65536).optional(),
});
export type ChallengeLimits = z.infer<typeof ChallengeLimitsSchema>;

/** One scale of a challenge: its limits, its trial count and the knobs its harness reads. */
export const ScaleSpecSchema = z.strictObject({
  /** What this scale means, for humans ("256 MiB of log, 128 MiB memory limit"). */
  description: z.string().min(1),
  limits: ChallengeLimitsSchema,
  /**
   * Candidate trials; each is paired with a reference trial run just before it
   * (same-run calibration), and relative metrics use the median of the ratios.
   */
  trials: z.number().int().min(1).max(15),
  /** Challenge-specific knobs the harness reads (input size, request counts, …). */
  params: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])).default({}),
});
export type ScaleSpec = z.infer<typeof ScaleSpecSchema>;

/** A band of totals a graded solution must land in (inclusive). */
export const ScoreBandSchema = z
  .strictObject({ min: z.number().min(0).max(100), max: z.number().min(0).max(100) })
  .refine((b) => b.min <= b.max, 'min must not exceed max');
export type ScoreBand = z.infer<typeof ScoreBandSchema>;

/**
 * What `assay verify` demands of the solutions between naive and reference:
 * each `solutions/mid*` and `solutions/slow*` folder lands in its band, below
 * the reference and above every naive one, so the rubric is shown to tell
 * the levels apart.
 */
export const CalibrationSchema = z.strictObject({
  /** Band of each graded solution folder, by folder name ("mid", "slow-readline"). */
  bands: z.record(z.string().regex(/^(?:mid|slow)[a-z0-9-]*$/, 'must name a solutions/mid* or solutions/slow* folder'), ScoreBandSchema),
  /** Largest difference allowed between a solution's quick and full totals (`assay verify --scale both`). @defaultValue 10 */
  scaleAgreementPoints: z.number().min(0).max(100).default(10),
});
export type Calibration = z.infer<typeof CalibrationSchema>;

/** `challenges/<slug>/challenge.json`. */
export const ChallengeManifestSchema = z.strictObject({
  slug: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case (a-z, 0-9, -)'),
  title: z.string().min(1).max(120),
  summary: z.string().min(1).max(400),
  difficulty: DifficultySchema,
  /** What hiring teams learn from it ("streams", "backpressure", …). */
  skills: z.array(z.string().min(1)).min(1),
  timeAllowedMinutes: z.number().int().min(5).max(480),
  kind: ChallengeKindSchema,
  /** The file run as `node <entry>`, relative to the solution folder. */
  entry: RelativeFileSchema,
  /** Visible test files (under `tests/`) run with `node --test`, in the candidate's sandbox. */
  visibleTests: z.array(RelativeFileSchema).default([]),
  scales: z.strictObject({ quick: ScaleSpecSchema, full: ScaleSpecSchema }),
  calibration: CalibrationSchema.default({ bands: {}, scaleAgreementPoints: 10 }),
});
export type ChallengeManifest = z.infer<typeof ChallengeManifestSchema>;

/** The public face of a challenge (what a candidate or a hiring team may see). */
export const ChallengeSummarySchema = ChallengeManifestSchema.pick({
  slug: true,
  title: true,
  summary: true,
  difficulty: true,
  skills: true,
  timeAllowedMinutes: true,
  kind: true,
  entry: true,
});
export type ChallengeSummary = z.infer<typeof ChallengeSummarySchema>;

/** One correctness check made by a harness on one run ("byStatus matches"). */
export const CheckResultSchema = z.object({
  name: z.string().min(1),
  passed: z.boolean(),
  /** Why it failed (expected vs got), or a short note. Never the hidden expected answer in full. */
  detail: z.string().optional(),
});
export type CheckResult = z.infer<typeof CheckResultSchema>;

/** One visible test, as run by `node --test` in the candidate's sandbox. */
export const TestResultSchema = z.object({
  name: z.string().min(1),
  passed: z.boolean(),
  skipped: z.boolean().default(false),
  durationMs: z.number().nonnegative().optional(),
  /** Failure message (assertion, error), trimmed. */
  message: z.string().optional(),
});
export type TestResult = z.infer<typeof TestResultSchema>;
