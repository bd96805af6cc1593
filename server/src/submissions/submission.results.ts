import { RubricSchema, type JudgeReport, type Score } from '@assay/shared';
import { syncChallenge } from '../catalog/catalog.sync';
import { findRubricVersion } from '../catalog/catalog.repository';
import type { LoadedChallenge } from '../challenges/challenge.types';
import type { Db } from '../db/db';
import { sameJson } from '../platform/canonical-json';
import type { Logger } from '../platform/logger';
import { findCurrentRubricVersion } from '../rubrics/rubric.repository';
import { rescore } from '../rubrics/rubric.rescore';
import { insertRun, insertScore } from '../runs/run.repository';
import type { RunRow, ScoreRow } from '../runs/run.table';
import { setStatus } from './submission.repository';

/** Kept of the judge's messages: enough to debug, never a flood in the database. The program's own output is `report.output`, capped by the judge. */
const LOG_CAP = 64 * 1024;

function runLog(report: JudgeReport): string {
  const lines = [report.message ?? '', ...report.tests.filter((t) => !t.passed && t.message).map((t) => `${t.name}: ${t.message}`)];
  const log = lines.filter(Boolean).join('\n');
  return log.length > LOG_CAP ? `${log.slice(0, LOG_CAP)}\n… (truncated)` : log;
}

/** Stores one run's report (any verdict, INTERNAL_ERROR included: operators want the history). */
export async function storeRun(db: Db, submissionId: string, attempt: number, report: JudgeReport, contentHash: string | null): Promise<RunRow> {
  const internal = report.verdict === 'INTERNAL_ERROR';
  return insertRun(db, {
    submission_id: submissionId,
    attempt,
    verdict: report.verdict,
    message: internal ? null : (report.message ?? null),
    internal_error: internal ? (report.message ?? 'unknown platform fault') : null,
    measurements: report.measurements ? JSON.stringify(report.measurements) : null,
    tests: JSON.stringify(report.tests),
    checks: JSON.stringify(report.checks),
    trials: JSON.stringify(report.trials),
    log: internal ? '' : runLog(report),
    // Kept for platform faults too: staff debugging one want to see what the program printed.
    output: JSON.stringify(report.output ?? []),
    challenge_content_hash: contentHash,
  });
}

/**
 * The score a judgement is stored with: under the rubric version in force
 * in the database (the latest a panel published, else the challenge's
 * rubric.json). When that is the rubric the judge scored with, its score
 * as is; otherwise the same pure `score()` over the run's measurements.
 */
export async function scoreInForce(db: Db, report: JudgeReport, challenge: LoadedChallenge, log: Logger): Promise<{ score: Score; rubricVersionId: string } | null> {
  if (!report.score) return null;
  // This worker's challenge folder may be newer than the catalogue the API synced.
  if (!(await findRubricVersion(db, challenge.slug, challenge.rubric.version))) await syncChallenge(db, challenge, log);
  const current = await findCurrentRubricVersion(db, challenge.slug);
  if (!current) return null;
  // Structurally: the stored rubric went through jsonb, which reorders keys.
  if (current.version === challenge.rubric.version && sameJson(current.rubric, challenge.rubric)) return { score: report.score, rubricVersionId: current.id };
  const rescored = rescore(report.trials, report.checks, RubricSchema.parse(current.rubric));
  return rescored ? { score: rescored, rubricVersionId: current.id } : null;
}

/**
 * Stores a finished judgement in one transaction: the run, its score under
 * the rubric version in force (see `scoreInForce`), and the submission as done.
 */
export async function storeVerdict(
  db: Db,
  args: { submissionId: string; attempt: number; report: JudgeReport; challenge: LoadedChallenge; contentHash: string | null },
  log: Logger,
): Promise<{ run: RunRow; score: ScoreRow | null; scored: Score | null }> {
  const { report } = args;
  const scored = await scoreInForce(db, report, args.challenge, log);
  return db.transaction().execute(async (trx) => {
    const run = await storeRun(trx, args.submissionId, args.attempt, report, args.contentHash);
    const score = scored
      ? await insertScore(trx, {
          submission_id: args.submissionId,
          run_id: run.id,
          rubric_version_id: scored.rubricVersionId,
          total: scored.score.total,
          level: scored.score.level,
          dimensions: JSON.stringify(scored.score.dimensions),
        })
      : null;
    await setStatus(trx, args.submissionId, 'done', { verdict: report.verdict, message: report.message ?? null, finished: true });
    return { run, score, scored: score ? scored!.score : null };
  });
}
