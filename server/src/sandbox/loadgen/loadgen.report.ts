import { LatencySummarySchema } from '@assay/shared';
import { z } from 'zod';

/**
 * The one JSON line loadgen.js prints. The latency part is the shared
 * LatencySummary; the rest is what a challenge judge needs besides it.
 */
const ms = z.number().nonnegative();
const count = z.number().int().nonnegative();

export const BackgroundStatsSchema = z.object({
  /** Background requests that completed inside the measured window. */
  count,
  /** Of those: non-2xx answers, timeouts and socket errors. */
  errors: count,
  /** 2xx answers the checker rejected. */
  checkFailures: count,
  /** The first error or rejection, for the candidate's feedback. */
  firstFailure: z.string().nullable(),
  /** Closed-loop latency of the background requests (context only). */
  p50Ms: ms,
  p99Ms: ms,
});
export type BackgroundStats = z.infer<typeof BackgroundStatsSchema>;

export const MeasuredReportSchema = z.object({
  status: z.literal('ok'),
  /** False when the generator itself lagged: repeat the trial rather than score it. */
  valid: z.boolean(),
  invalidReasons: z.array(z.string()),
  latency: LatencySummarySchema,
  /** Actual minus intended send time of the measured probes. */
  sendLag: z.object({ p99Ms: ms, maxMs: ms }),
  /** Percentiles timed from the actual send (context: how much the generator's lag moved `latency`). */
  serviceLatency: z.object({ p50Ms: ms, p90Ms: ms, p99Ms: ms }),
  errorsByKind: z.object({ status: count, timeout: count, socket: count }),
  /** Probe answers per HTTP status. */
  statusCounts: z.record(z.string(), count),
  background: BackgroundStatsSchema.nullable(),
  /** From generator start until the readiness path first answered 2xx. */
  readyAfterMs: ms,
});

export const LoadgenReportSchema = z.discriminatedUnion('status', [
  MeasuredReportSchema,
  /** The candidate's server never answered the readiness path: a verdict on the candidate. */
  z.object({ status: z.literal('not-ready'), readyTimeoutMs: ms, lastError: z.string() }),
  /** The platform passed bad options: a platform fault. */
  z.object({ status: z.literal('bad-options'), message: z.string() }),
]);
export type LoadgenReport = z.infer<typeof LoadgenReportSchema>;
export type MeasuredReport = z.infer<typeof MeasuredReportSchema>;

/** The generator's output could not be understood: always a platform fault. */
export class LoadgenReportError extends Error {
  constructor(message: string, readonly output: string) {
    super(message);
    this.name = 'LoadgenReportError';
  }
}

/**
 * Reads the report from the generator's stdout: its last non-empty line (a
 * checker that logs goes to stderr, but be tolerant of stray lines before it).
 * @throws LoadgenReportError when there is no well-formed report.
 */
export function parseLoadgenReport(stdout: string): LoadgenReport {
  const line = stdout.trimEnd().split('\n').pop()?.trim() ?? '';
  if (line === '') throw new LoadgenReportError('the load generator printed no report', stdout);
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    throw new LoadgenReportError(`the load generator's report is not JSON: ${line.slice(0, 200)}`, stdout);
  }
  const parsed = LoadgenReportSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new LoadgenReportError(`malformed load generator report at ${issue.path.join('.') || '(root)'}: ${issue.message}`, stdout);
  }
  return parsed.data;
}
