import { Emitter } from '@socket.io/redis-emitter';
import type { Redis } from 'ioredis';
import { liveRooms, type AssessmentEvent, type CandidateSees, type ServerToClientEvents, type SubmissionEvent } from '@assay/shared';
import { findResultVisibility } from '../assessments/assessment.repository';
import type { Db } from '../db/db';
import type { Logger } from '../platform/logger';
import { candidateEvent } from '../submissions/submission.visibility';
import { LiveLog, type NewSubmissionEvent } from './live.log';

/** Visibility lookups kept per process (a judgement publishes hundreds of events). */
const VISIBILITY_CACHE_SIZE = 5000;
/** Should staff ever change an assessment's setting, events follow it within this long. */
const VISIBILITY_TTL_MS = 30_000;

/**
 * Publishes live events from any process (API or worker) to every API
 * process's sockets, through the socket.io Redis adapter's channel. Live
 * events are best effort: the database is the record, so a Redis hiccup is
 * logged and never fails the caller.
 *
 * Each event goes whole to the submission's staff room, and as the
 * candidate may see it (`candidateEvent`) to its candidate room. The
 * publisher looks the visibility up itself, so no caller can forget it; when
 * the lookup fails the candidate gets the `nothing` view (fail closed).
 */
export class LivePublisher {
  readonly log: LiveLog;
  private readonly emitter: Emitter<ServerToClientEvents>;
  private readonly visibility = new Map<string, { value: CandidateSees; at: number }>();

  constructor(redis: Redis, private readonly logger: Logger, private readonly db: Db) {
    this.log = new LiveLog(redis);
    // The emitter fires `publish` without awaiting it: a rejection (Redis down)
    // would be unhandled and end the process, so it gets a client that logs instead.
    const publisher = {
      publish: (channel: string, message: string | Buffer) =>
        redis.publish(channel, message).catch((err: Error) => logger.warn({ err: err.message }, 'live event not published')),
    };
    this.emitter = new Emitter<ServerToClientEvents>(publisher);
  }

  async submission(submissionId: string, event: NewSubmissionEvent): Promise<SubmissionEvent | undefined> {
    try {
      const visibility = await this.visibilityOf(submissionId);
      const full = await this.log.append(submissionId, event);
      this.emitter.to(liveRooms.submission(submissionId)).emit('submission:event', full);
      const forCandidate = candidateEvent(full, visibility);
      if (forCandidate) this.emitter.to(liveRooms.candidateSubmission(submissionId)).emit('submission:event', forCandidate);
      return full;
    } catch (err) {
      this.logger.warn({ err: (err as Error).message, submissionId, type: event.type }, 'live event not published');
      return undefined;
    }
  }

  assessment(event: AssessmentEvent): void {
    try {
      this.emitter.to(liveRooms.assessment(event.assessmentId)).emit('assessment:event', event);
    } catch (err) {
      this.logger.warn({ err: (err as Error).message, assessmentId: event.assessmentId }, 'live event not published');
    }
  }

  async resetAttempt(submissionId: string): Promise<void> {
    await this.log.resetAttempt(submissionId).catch(() => undefined);
  }

  private async visibilityOf(submissionId: string): Promise<CandidateSees> {
    const cached = this.visibility.get(submissionId);
    if (cached && Date.now() - cached.at < VISIBILITY_TTL_MS) return cached.value;
    const found = await findResultVisibility(this.db, submissionId).catch((err: Error) => {
      this.logger.warn({ err: err.message, submissionId }, 'result visibility unknown; candidate gets nothing');
      return undefined;
    });
    if (!found) return 'nothing';
    this.visibility.delete(submissionId);
    if (this.visibility.size >= VISIBILITY_CACHE_SIZE) this.visibility.delete(this.visibility.keys().next().value!);
    this.visibility.set(submissionId, { value: found, at: Date.now() });
    return found;
  }
}
