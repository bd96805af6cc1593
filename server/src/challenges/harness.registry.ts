import backpressure from '../../../challenges/backpressure/harness';
import boundedCache from '../../../challenges/bounded-cache/harness';
import eventLoop from '../../../challenges/event-loop/harness';
import fanOut from '../../../challenges/fan-out/harness';
import gracefulShutdown from '../../../challenges/graceful-shutdown/harness';
import rateLimiter from '../../../challenges/rate-limiter/harness';
import resilientClient from '../../../challenges/resilient-client/harness';
import streamLog from '../../../challenges/stream-log/harness';
import type { ChallengeHarness } from './challenge.types';

/**
 * The hidden harness of every built-in challenge, by slug. Imported statically
 * so the bundled server carries them; the loader refuses a challenge folder
 * without an entry here (and the registry test refuses an entry without a folder).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const HARNESSES: Readonly<Record<string, ChallengeHarness<any>>> = Object.freeze({
  backpressure,
  'bounded-cache': boundedCache,
  'event-loop': eventLoop,
  'fan-out': fanOut,
  'graceful-shutdown': gracefulShutdown,
  'rate-limiter': rateLimiter,
  'resilient-client': resilientClient,
  'stream-log': streamLog,
});
