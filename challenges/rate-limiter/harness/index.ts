import { z } from 'zod';
import { driverHarness } from '../../../server/src/challenges/kit/server.harness';

/** rate-limiter: every figure is a contract check made by the driver. */
export default driverHarness({
  driver: 'rate-limiter.driver.js',
  metrics: [],
  params: z.strictObject({
    /** Must match the prompt's contract. */
    capacity: z.literal(10),
    refillPerSec: z.literal(5),
  }),
  describe: (p) => `token bucket per key: ${p.capacity} burst, ${p.refillPerSec}/s, scripted traffic`,
  options: (p) => ({ ...p }),
  driverMs: () => 30_000,
});
