import { z } from 'zod';
import { driverHarness } from '../../../server/src/challenges/kit/server.harness';

const UPSTREAM_PORT = 4000;

/** bounded-cache: the driver plays the slow profile service and counts the calls the cache saves. */
export default driverHarness({
  driver: 'bounded-cache.driver.js',
  metrics: ['upstreamCalls', 'lruCalls', 'cacheEfficiency', 'hitRate'],
  params: z.strictObject({
    requests: z.number().int().min(100).max(1_000_000),
    concurrency: z.number().int().min(1).max(256),
    /** Share of requests for the hot set; the rest are ids seen (almost) once. */
    hotShare: z.number().min(0).max(1),
    hotSet: z.number().int().min(1),
    /** The bound the prompt states (profiles kept at most). */
    maxEntries: z.literal(500),
    upstreamLatencyMs: z.number().int().min(0).max(1000),
    seed: z.number().int().nonnegative(),
  }),
  env: { UPSTREAM_URL: `http://127.0.0.1:${UPSTREAM_PORT}` },
  describe: (p) => `${p.requests} profile requests (${Math.round(p.hotShare * 100)}% on ${p.hotSet} hot ids), ${p.concurrency} at a time`,
  options: (p) => ({ ...p, upstreamPort: UPSTREAM_PORT }),
  driverMs: (p) => 30_000 + p.requests * 10,
});
