import { HealthReportSchema, type HealthReport } from '@assay/shared';

/** Fetches /healthz; a 503 still carries a report naming what is down. */
export async function fetchHealth(signal?: AbortSignal): Promise<HealthReport> {
  const res = await fetch('/healthz', { signal });
  return HealthReportSchema.parse(await res.json());
}
