import { z } from 'zod';
import { driverHarness } from '../../../server/src/challenges/kit/server.harness';

const UPSTREAM_PORT = 4000;

/** resilient-client: the driver plays the unreliable price service through four phases (see the driver). */
export default driverHarness({
  driver: 'resilient-client.driver.js',
  metrics: ['flakySuccess', 'outageCallsPerSec', 'outageP90Ms', 'recoveredShare'],
  params: z.strictObject({
    /** Quote requests per second, all phases. */
    rps: z.number().positive().max(500),
    healthyMs: z.number().int().min(500),
    flakyMs: z.number().int().min(500),
    downMs: z.number().int().min(1500),
    recoveredMs: z.number().int().min(1500),
    /** Share of upstream calls that fail in the flaky phase. */
    failRate: z.number().min(0).max(0.9),
    /** The contract's promise to callers. */
    answerWithinMs: z.literal(2000),
    /** How long the driver waits for an answer before calling it lost. */
    callerTimeoutMs: z.number().int().min(2500),
    seed: z.number().int().nonnegative(),
  }),
  env: { UPSTREAM_URL: `http://127.0.0.1:${UPSTREAM_PORT}` },
  describe: (p) => `${p.rps} quotes/s: healthy ${p.healthyMs / 1000} s, down ${p.downMs / 1000} s, recovered ${p.recoveredMs / 1000} s, flaky (${p.failRate * 100}% failures) ${p.flakyMs / 1000} s`,
  options: (p) => ({ ...p, upstreamPort: UPSTREAM_PORT }),
  driverMs: (p) => p.healthyMs + p.flakyMs + p.downMs + p.recoveredMs + p.callerTimeoutMs + 5_000,
});
