import type { Redis } from 'ioredis';
import type { SubmissionEvent } from '@assay/shared';

/** Events kept per submission for reconnecting clients (memory samples are throttled by the worker). */
const MAX_EVENTS = 3000;
/** Live state outlives any run by far; the database keeps the results. */
const TTL_SEC = 24 * 3600;

/** An event before the log numbers and stamps it. */
export type NewSubmissionEvent = SubmissionEvent extends infer E ? (E extends SubmissionEvent ? Omit<E, 'seq' | 'at' | 'submissionId'> : never) : never;

const seqKey = (id: string) => `assay:live:${id}:seq`;
const logKey = (id: string) => `assay:live:${id}:log`;

/**
 * The live events of a submission's current attempt, in Redis, so any API
 * process can give a (re)connecting client the state so far. Each event gets
 * the next `seq` of its submission.
 */
export class LiveLog {
  constructor(private readonly redis: Redis) {}

  async append(submissionId: string, event: NewSubmissionEvent): Promise<SubmissionEvent> {
    const seq = await this.redis.incr(seqKey(submissionId));
    const full = { ...event, submissionId, seq, at: new Date().toISOString() } as SubmissionEvent;
    await this.redis
      .multi()
      .expire(seqKey(submissionId), TTL_SEC)
      .rpush(logKey(submissionId), JSON.stringify(full))
      .ltrim(logKey(submissionId), -MAX_EVENTS, -1)
      .expire(logKey(submissionId), TTL_SEC)
      .exec();
    return full;
  }

  /** A new attempt starts from a clean slate (tests of a failed attempt would mislead). */
  async resetAttempt(submissionId: string): Promise<void> {
    await this.redis.del(logKey(submissionId));
  }

  /**
   * The events so far and the seq they reach. The seq is the last logged
   * event's, not the counter's: an event numbered but not yet logged is still
   * to be broadcast, and the client must not drop it.
   */
  async read(submissionId: string): Promise<{ seq: number; events: SubmissionEvent[] }> {
    const raw = await this.redis.lrange(logKey(submissionId), 0, -1);
    const events = raw.map((line) => JSON.parse(line) as SubmissionEvent);
    return { seq: events.at(-1)?.seq ?? 0, events };
  }
}
