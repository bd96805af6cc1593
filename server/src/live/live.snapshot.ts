import type { CandidateSees, SubmissionSnapshot } from '@assay/shared';
import { findResultVisibility } from '../assessments/assessment.repository';
import type { Db } from '../db/db';
import { findSubmissionMeta } from '../submissions/submission.repository';
import { toSubmissionSummary } from '../submissions/submission.view';
import { candidateEvent, candidateSummary } from '../submissions/submission.visibility';
import type { LiveLog } from './live.log';

/**
 * The state a (re)subscribing client starts from. Read after joining the
 * room: anything that happens later arrives as an event, anything earlier is
 * in here, and `seq` lets the client drop the overlap. A candidate's
 * snapshot is cut to what the assessment lets them see, like their room's
 * events; `seq` stays the log's, so withheld events leave no gap to refetch.
 */
export async function submissionSnapshot(db: Db, log: LiveLog, submissionId: string, audience: 'staff' | 'candidate'): Promise<SubmissionSnapshot | undefined> {
  const { seq, events } = await log.read(submissionId);
  const row = await findSubmissionMeta(db, submissionId);
  if (!row) return undefined;
  const summary = await toSubmissionSummary(db, row);
  if (audience === 'staff') return { submission: summary, seq, events };
  const visibility: CandidateSees = (await findResultVisibility(db, submissionId)) ?? 'nothing';
  return {
    submission: candidateSummary(summary, visibility),
    seq,
    events: events.flatMap((e) => candidateEvent(e, visibility) ?? []),
  };
}
