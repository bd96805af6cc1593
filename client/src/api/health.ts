import { HealthReportSchema, type HealthReport } from '@assay/shared';
import { apiRequest } from './http';

/** Fetches /healthz; a 503 still carries a report naming what is down. */
export function fetchHealth(signal?: AbortSignal): Promise<HealthReport> {
  return apiRequest('/healthz', { schema: HealthReportSchema, auth: 'none', signal, acceptStatuses: [503] });
}
