import { Router } from 'express';
import { checkHealth, type Probe } from './health.service';

/** GET /healthz: 200 when database, queue and Docker engine all answer; 503 naming what is down. */
export function healthRoutes(probes: Parameters<typeof checkHealth>[0]): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    const report = await checkHealth(probes);
    res.status(report.status === 'ok' ? 200 : 503).json(report);
  });
  return router;
}

export type { Probe };
