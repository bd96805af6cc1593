import type { ColumnType, Generated, JSONColumnType, Selectable } from 'kysely';
import type { SubmissionKind, SubmissionStatus, Verdict } from '@assay/shared';

export interface SubmissionsTable {
  id: Generated<string>;
  invitation_id: string;
  assessment_id: string;
  challenge_slug: string;
  challenge_version_id: string;
  kind: SubmissionKind;
  files: JSONColumnType<Record<string, string>, string, never>;
  size_bytes: number;
  status: Generated<SubmissionStatus>;
  verdict: Verdict | null;
  message: string | null;
  /** Times a worker started judging it (a retry or a run after a crash adds one). */
  attempts: Generated<number>;
  created_at: ColumnType<Date, Date | undefined, never>;
  /** When it was last put on the queue (the start of enqueue-to-start latency). */
  enqueued_at: Date | null;
  started_at: Date | null;
  /** Refreshed by the worker while it runs; a stale one tells the sweeper the worker is gone. */
  heartbeat_at: Date | null;
  finished_at: Date | null;
  worker: string | null;
}
export type SubmissionRow = Selectable<SubmissionsTable>;
