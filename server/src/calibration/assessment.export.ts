import { candidatePseudonym, RubricSchema } from '@assay/shared';
import type { InvitationRow } from '../invitations/invitation.table';
import { toCsv, type CsvValue } from '../exports/csv';
import type { AssessmentReview, CountingScore } from './calibration.repository';

/**
 * One row per candidate and challenge: the final submission that counts,
 * its score as judged (with the rubric version), points per dimension, the
 * latest panel re-score if any, and every reviewer's decision.
 */
export function assessmentCsv(args: {
  invitations: InvitationRow[];
  scores: CountingScore[];
  reviews: AssessmentReview[];
  challenges: { slug: string; rubric: unknown }[];
  /** The viewer's stored preference: each candidate as their stable pseudonym and no email (the file outlives the screen). */
  anonymized: boolean;
}): string {
  const dimNames: string[] = [];
  for (const c of args.challenges) {
    const parsed = RubricSchema.safeParse(c.rubric);
    for (const d of parsed.success ? parsed.data.dimensions : []) if (!dimNames.includes(d.name)) dimNames.push(d.name);
  }
  for (const s of args.scores) for (const d of s.dimensions ?? []) if (!dimNames.includes(d.name)) dimNames.push(d.name);

  const header = [
    'candidate', 'email', 'invited_at', 'started_at', 'finished_at', 'challenge', 'submission_id', 'verdict',
    'rubric_version', 'total', 'level', ...dimNames.map((n) => `${n}_points`),
    'rescored_rubric_version', 'rescored_total', 'rescored_level', 'decisions', 'reviewers',
  ];
  const rows: CsvValue[][] = [header];
  for (const inv of args.invitations) {
    const reviews = args.reviews.filter((r) => r.invitation_id === inv.id);
    const decisions = reviews.filter((r) => r.decision).map((r) => `${r.reviewer_name}: ${r.decision}`).join('; ');
    const base = [args.anonymized ? candidatePseudonym(inv.id) : inv.candidate_name, args.anonymized ? null : inv.candidate_email, inv.created_at.toISOString(), inv.started_at?.toISOString(), inv.finished_at?.toISOString()];
    const scores = args.scores.filter((s) => s.invitation_id === inv.id);
    const challenges = args.challenges.map((c) => c.slug);
    for (const slug of challenges) {
      const s = scores.find((x) => x.challenge_slug === slug);
      const points = dimNames.map((n) => s?.dimensions?.find((d) => d.name === n)?.points ?? null);
      rows.push([
        ...base, slug, s?.submission_id, s?.verdict ?? (s ? s.status : 'not submitted'),
        s?.rubric_version != null ? `${slug}@${s.rubric_version}` : null, s?.total, s?.level, ...points,
        s?.rescore_version != null ? `${slug}@${s.rescore_version}` : null, s?.rescore_total, s?.rescore_level,
        decisions, reviews.length,
      ]);
    }
  }
  return toCsv(rows);
}
