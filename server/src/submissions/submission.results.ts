import type { JudgeReport } from '@assay/shared';
import { syncChallenge } from '../catalog/catalog.sync';
import { findRubricVersion } from '../catalog/catalog.repository';
import type { LoadedChallenge } from '../challenges/challenge.types';
import type { Db } from '../db/db';
import type { Logger } from '../platform/logger';
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
 * Stores a finished judgement in one transaction: the run, its score under
 * the rubric version that produced it, and the submission as done.
 */
export async function storeVerdict(
  db: Db,
  args: { submissionId: string; attempt: number; report: JudgeReport; challenge: LoadedChallenge; contentHash: string | null },
  log: Logger,
): Promise<{ run: RunRow; score: ScoreRow | null }> {
  const { report } = args;
  let rubricVersionId: string | undefined;
  if (report.score) {
    const [slug, version] = [args.challenge.slug, args.challenge.rubric.version];
    rubricVersionId = (await findRubricVersion(db, slug, version))?.id;
    // This worker's challenge folder may be newer than the catalogue the API synced.
    rubricVersionId ??= (await syncChallenge(db, args.challenge, log)).rubricVersionId;
  }
  return db.transaction().execute(async (trx) => {
    const run = await storeRun(trx, args.submissionId, args.attempt, report, args.contentHash);
    const score = report.score && rubricVersionId
      ? await insertScore(trx, {
          submission_id: args.submissionId,
          run_id: run.id,
          rubric_version_id: rubricVersionId,
          total: report.score.total,
          level: report.score.level,
          dimensions: JSON.stringify(report.score.dimensions),
        })
      : null;
    await setStatus(trx, args.submissionId, 'done', { verdict: report.verdict, message: report.message ?? null, finished: true });
    return { run, score };
  });
}
