import { z } from 'zod';

export const HEALTH_COMPONENTS = ['database', 'queue', 'docker'] as const;

export const ComponentHealthSchema = z.object({
  ok: z.boolean(),
  /** Why it is down, or a short description of what answered. */
  detail: z.string(),
  latencyMs: z.number().nonnegative(),
});

/** Body of GET /healthz: 200 when every component is ok, 503 otherwise. */
export const HealthReportSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  components: z.record(z.enum(HEALTH_COMPONENTS), ComponentHealthSchema),
  down: z.array(z.enum(HEALTH_COMPONENTS)),
});
export type HealthReport = z.infer<typeof HealthReportSchema>;
export type ComponentHealth = z.infer<typeof ComponentHealthSchema>;
