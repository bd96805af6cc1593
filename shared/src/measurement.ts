import { z } from 'zod';

/** One point of the memory timeline, sampled every ~50 ms during a run. */
export const MemorySampleSchema = z.object({
  tMs: z.number().nonnegative(),
  rssBytes: z.number().int().nonnegative(),
});
export type MemorySample = z.infer<typeof MemorySampleSchema>;

/** Latency of a server under open-loop load, from intended send times. */
export const LatencySummarySchema = z.object({
  p50Ms: z.number().nonnegative(),
  p90Ms: z.number().nonnegative(),
  p99Ms: z.number().nonnegative(),
  p999Ms: z.number().nonnegative(),
  maxMs: z.number().nonnegative(),
  count: z.number().int().nonnegative(),
  errors: z.number().int().nonnegative(),
  targetRps: z.number().nonnegative(),
  achievedRps: z.number().nonnegative(),
  /** Worst lag between a request's intended and actual send time (generator health). */
  maxSendLagMs: z.number().nonnegative(),
  method: z.string(),
});
export type LatencySummary = z.infer<typeof LatencySummarySchema>;

/**
 * What a sandbox run measured. Every figure names how it was measured
 * (`*Method`) so a reviewer can judge whether to trust it.
 */
export const RunMeasurementsSchema = z.object({
  peakRssBytes: z.number().int().nonnegative(),
  /** Peak RSS of an empty Node process measured the same way, same environment. */
  baselineRssBytes: z.number().int().nonnegative(),
  memoryMethod: z.string(),
  memoryTimeline: z.array(MemorySampleSchema),
  timelineMethod: z.string(),
  wallMs: z.number().nonnegative(),
  cpuUserMs: z.number().nonnegative(),
  cpuSysMs: z.number().nonnegative(),
  cpuMs: z.number().nonnegative(),
  cpuMethod: z.string(),
  latency: LatencySummarySchema.optional(),
});
export type RunMeasurements = z.infer<typeof RunMeasurementsSchema>;
