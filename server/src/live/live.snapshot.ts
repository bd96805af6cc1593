import type { SubmissionSnapshot } from '@assay/shared';
import type { Db } from '../db/db';
import { findSubmissionMeta } from '../submissions/submission.repository';
import { toSubmissionSummary } from '../submissions/submission.view';
import type { LiveLog } from './live.log';

/**
 * The state a (re)subscribing client starts from. Read after joining the
 * room: anything that happens later arrives as an event, anything earlier is
 * in here, and `seq` lets the client drop the overlap.
 */
export async function submissionSnapshot(db: Db, log: LiveLog, submissionId: string): Promise<SubmissionSnapshot | undefined> {
  const { seq, events } = await log.read(submissionId);
  const row = await findSubmissionMeta(db, submissionId);
  if (!row) return undefined;
  return { submission: await toSubmissionSummary(db, row), seq, events };
}
