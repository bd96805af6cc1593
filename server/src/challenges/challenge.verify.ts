import path from 'node:path';
import type { JudgeReport, Verdict } from '@assay/shared';
import { judgeSubmission, type JudgeOptions, type JudgeProgress } from './challenge.judge';
import type { LoadedChallenge } from './challenge.types';

/** What `assay verify` demands of a challenge's own solutions. */
export const REFERENCE_MIN_TOTAL = 90;
export const NAIVE_MAX_TOTAL = 40;

export interface SolutionCheck {
  slug: string;
  /** "reference", "naive", "naive-2", … */
  solution: string;
  verdict: Verdict;
  total: number | null;
  requirement: string;
  ok: boolean;
  /** Why it failed verification. */
  reason?: string;
  report: JudgeReport;
}

type Context = Omit<JudgeOptions, 'challenge' | 'solutionDir' | 'onProgress'> & {
  onProgress?: (solution: string, progress: JudgeProgress) => void;
};

/**
 * Judges a challenge's reference (it must be ACCEPTED, pass its visible tests
 * and score at least 90) and every naive solution (at most 40): the rubric
 * separates a good solution from a weak one, or the challenge is not ready.
 */
export async function verifyChallenge(challenge: LoadedChallenge, ctx: Context): Promise<SolutionCheck[]> {
  const results: SolutionCheck[] = [];
  const solutions = [challenge.solutions.reference, ...challenge.solutions.naive];
  for (const dir of solutions) {
    const solution = path.basename(dir);
    const isReference = dir === challenge.solutions.reference;
    const report = await judgeSubmission({
      ...ctx,
      challenge,
      solutionDir: dir,
      // Visible tests must pass for the reference; for naive ones they would only cost time.
      skipTests: !isReference,
      onProgress: (p) => ctx.onProgress?.(solution, p),
    });
    const total = report.score?.total ?? null;
    let reason: string | undefined;
    if (report.verdict === 'INTERNAL_ERROR') reason = `platform error: ${report.message ?? 'unknown'}`;
    else if (isReference) {
      const failedTests = report.tests.filter((t) => !t.passed);
      if (report.verdict !== 'ACCEPTED') reason = `verdict ${report.verdict}${report.message ? `: ${report.message.split('\n')[0]}` : ''}`;
      else if (total === null || total < REFERENCE_MIN_TOTAL) reason = `scored ${total}, below ${REFERENCE_MIN_TOTAL}`;
      else if (failedTests.length) reason = `fails visible tests: ${failedTests.map((t) => t.name).join(', ')}`;
    } else if (total === null || total > NAIVE_MAX_TOTAL) reason = `scored ${total}, above ${NAIVE_MAX_TOTAL}`;
    results.push({
      slug: challenge.slug,
      solution,
      verdict: report.verdict,
      total,
      requirement: isReference ? `>= ${REFERENCE_MIN_TOTAL}` : `<= ${NAIVE_MAX_TOTAL}`,
      ok: reason === undefined,
      ...(reason ? { reason } : {}),
      report,
    });
  }
  return results;
}
