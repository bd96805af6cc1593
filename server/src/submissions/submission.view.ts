import type { CandidateScore, CandidateSubmission, Run, Score, SubmissionSummary } from '@assay/shared';
import type { Db } from '../db/db';
import type { RunRow } from '../runs/run.table';
import { countingRunOutput, latestCountingRuns, listScores, type ScoreWithRubric } from '../runs/run.repository';
import type { SubmissionMeta } from './submission.repository';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toScore(row: ScoreWithRubric): Score {
  return { total: row.total, level: row.level, rubricVersion: `${row.rubric_slug}@${row.rubric_version}`, dimensions: row.dimensions };
}

/** A score without the explanations (they quote rubric thresholds): what candidates may see. */
export function toCandidateScore(score: Score): CandidateScore {
  return { total: score.total, level: score.level, rubricVersion: score.rubricVersion, dimensions: score.dimensions.map(({ name, points, max }) => ({ name, points, max })) };
}

/**
 * Summaries of submissions as their candidate may see them: the tests of the
 * run that counts and the latest score in candidate form.
 */
export async function toSubmissionSummaries(db: Db, rows: SubmissionMeta[]): Promise<SubmissionSummary[]> {
  const ids = rows.map((r) => r.id);
  const [runs, scores] = await Promise.all([latestCountingRuns(db, ids), listScores(db, ids)]);
  return rows.map((row) => {
    const run = runs.find((r) => r.submission_id === row.id);
    // The judged score, never a panel's later re-score: a candidate's result does not change under them.
    const score = scores.filter((s) => s.submission_id === row.id && s.run_id === run?.id && s.origin === 'judge').at(-1);
    return {
      id: row.id,
      challengeSlug: row.challenge_slug,
      kind: row.kind,
      status: row.status,
      verdict: row.verdict,
      message: row.message,
      attempt: row.attempts,
      createdAt: row.created_at.toISOString(),
      startedAt: iso(row.started_at),
      finishedAt: iso(row.finished_at),
      tests: run?.tests ?? [],
      score: score ? toCandidateScore(toScore(score)) : null,
    };
  });
}

export async function toSubmissionSummary(db: Db, row: SubmissionMeta): Promise<SubmissionSummary> {
  return (await toSubmissionSummaries(db, [row]))[0]!;
}

/** One submission as its candidate may see it: the summary and their program's output in the run that counts. */
/**
 * A candidate sees what their program printed in the visible-test run only:
 * its output on hidden inputs (scored trials) stays with staff, or a
 * candidate could print the hidden inputs and the harness's requests back to
 * themselves.
 */
export async function toCandidateSubmission(db: Db, row: SubmissionMeta): Promise<CandidateSubmission> {
  const [summary, output] = await Promise.all([toSubmissionSummary(db, row), countingRunOutput(db, row.id)]);
  return { ...summary, output: output.filter((o) => o.source === 'tests') };
}

export function toRun(row: RunRow): Run {
  return {
    id: row.id,
    attempt: row.attempt,
    verdict: row.verdict,
    measurements: row.measurements,
    tests: row.tests,
    checks: row.checks,
    trials: row.trials,
    message: row.message,
    internalError: row.internal_error,
    log: row.log,
    output: row.output,
    challengeContentHash: row.challenge_content_hash,
    createdAt: row.created_at.toISOString(),
  };
}
