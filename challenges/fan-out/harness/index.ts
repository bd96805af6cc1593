import { z } from 'zod';
import { driverHarness } from '../../../server/src/challenges/kit/server.harness';

const UPSTREAM_PORT = 4000;

/** fan-out: the driver plays the rate-limited upstream and times the aggregates against the ideal. */
export default driverHarness({
  driver: 'fan-out.driver.js',
  metrics: ['slowdown', 'upstreamCalls', 'upstreamRejected'],
  params: z.strictObject({
    /** Concurrent requests the upstream accepts. */
    limit: z.number().int().min(1).max(64),
    bigIds: z.number().int().min(1).max(200),
    parallel: z.number().int().min(1).max(32),
    parallelIds: z.number().int().min(1).max(200),
  }),
  env: { UPSTREAM_URL: `http://127.0.0.1:${UPSTREAM_PORT}` },
  describe: (p) => `one aggregate of ${p.bigIds} ids, then ${p.parallel} of ${p.parallelIds} at once, upstream limit ${p.limit}`,
  options: (p) => ({ ...p, upstreamPort: UPSTREAM_PORT }),
  driverMs: () => 60_000,
});
