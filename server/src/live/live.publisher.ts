import { Emitter } from '@socket.io/redis-emitter';
import type { Redis } from 'ioredis';
import { liveRooms, type AssessmentEvent, type ServerToClientEvents, type SubmissionEvent } from '@assay/shared';
import type { Logger } from '../platform/logger';
import { LiveLog, type NewSubmissionEvent } from './live.log';

/**
 * Publishes live events from any process (API or worker) to every API
 * process's sockets, through the socket.io Redis adapter's channel. Live
 * events are best effort: the database is the record, so a Redis hiccup is
 * logged and never fails the caller.
 */
export class LivePublisher {
  readonly log: LiveLog;
  private readonly emitter: Emitter<ServerToClientEvents>;

  constructor(redis: Redis, private readonly logger: Logger) {
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
      const full = await this.log.append(submissionId, event);
      this.emitter.to(liveRooms.submission(submissionId)).emit('submission:event', full);
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
}
