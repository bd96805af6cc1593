import path from 'node:path';
import type { JudgeReport, Scale, ScoreBand, Verdict } from '@assay/shared';
import { judgeSubmission, type JudgeOptions, type JudgeProgress } from './challenge.judge';
import type { LoadedChallenge } from './challenge.types';

/** What `assay verify` demands of a challenge's own solutions. */
export const REFERENCE_MIN_TOTAL = 90;
export const NAIVE_MAX_TOTAL = 40;

export type SolutionRole = 'reference' | 'naive' | 'graded';

export interface SolutionCheck {
  slug: string;
  /** "reference", "naive", "mid", "slow-readline", … */
  solution: string;
  role: SolutionRole;
  scale: Scale;
  verdict: Verdict;
  total: number | null;
  requirement: string;
  ok: boolean;
  /** Why it failed verification. */
  reason?: string;
  report: JudgeReport;
}

/** Quick and full totals of one solution, which must agree within the challenge's margin. */
export interface ScaleAgreement {
  slug: string;
  solution: string;
  quick: number | null;
  full: number | null;
  marginPoints: number;
  ok: boolean;
  reason?: string;
}

type Context = Omit<JudgeOptions, 'challenge' | 'solutionDir' | 'onProgress'> & {
  onProgress?: (solution: string, progress: JudgeProgress) => void;
  /**
   * Solutions judged at once. Timed trials still queue for the CPU lease (if
   * one is given), so only untimed work (inputs, visible tests, correctness
   * runs) overlaps. Ignored when `slots` is given. @defaultValue 1
   */
  concurrency?: number;
  /**
   * Judging slots shared with other challenges verified at the same time
   * (`assay verify --all`): one challenge's correctness runs fill the time
   * another's timed trials hold the CPU lease. @defaultValue `slots(concurrency)`, this challenge's own
   */
  slots?: Slots;
};

/** Runs `fn` when one of a fixed number of slots is free (first come, first served). */
export type Slots = <T>(fn: () => Promise<T>) => Promise<T>;

/** `limit` slots, handed out in the order they were asked for. */
export function slots(limit: number): Slots {
  let free = Math.max(1, limit);
  const waiting: Array<() => void> = [];
  return async <T>(fn: () => Promise<T>): Promise<T> => {
    if (free > 0) free--;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await fn();
    } finally {
      // The slot passes straight to the next in line, or becomes free.
      const next = waiting.shift();
      if (next) next();
      else free++;
    }
  };
}

interface Judged {
  dir: string;
  solution: string;
  role: SolutionRole;
  report: JudgeReport;
}

/**
 * Judges a challenge's solutions at one scale and checks that the rubric
 * tells them apart: the reference is ACCEPTED, passes its visible tests and
 * scores at least 90; every naive one at most 40; every graded one
 * (solutions/mid*, slow*) runs to the end (ACCEPTED, or WRONG_ANSWER with
 * partial credit) and lands in its band from the manifest, below the
 * reference and above every naive one. A challenge with no mid solution
 * fails: its rubric is only proven at the ends of the scale.
 */
export async function verifyChallenge(challenge: LoadedChallenge, ctx: Context): Promise<SolutionCheck[]> {
  const { reference, naive, graded } = challenge.solutions;
  const entries: Array<{ dir: string; role: SolutionRole }> = [
    { dir: reference, role: 'reference' },
    ...naive.map((dir) => ({ dir, role: 'naive' as const })),
    ...graded.map((dir) => ({ dir, role: 'graded' as const })),
  ];
  const slot = ctx.slots ?? slots(ctx.concurrency ?? 1);
  const { slots: _shared, concurrency: _own, ...judgeOptions } = ctx;
  const judged = await Promise.all(
    entries.map(({ dir, role }) =>
      slot(async (): Promise<Judged> => {
        const solution = path.basename(dir);
        const report = await judgeSubmission({
          ...judgeOptions,
          challenge,
          solutionDir: dir,
          // Visible tests must pass for the reference; for the others they would only cost time.
          skipTests: role !== 'reference',
          onProgress: (p) => ctx.onProgress?.(solution, p),
        });
        return { dir, solution, role, report };
      }),
    ),
  );
  const totalOf = (j: Judged) => j.report.score?.total ?? null;
  const referenceTotal = totalOf(judged[0]!);
  const naiveMax = Math.max(0, ...judged.filter((j) => j.role === 'naive').map((j) => totalOf(j) ?? 0));

  const results = judged.map((j) => {
    const band = j.role === 'graded' ? challenge.manifest.calibration.bands[j.solution] : undefined;
    const { requirement, reason } = judgeCheck(j, { band, referenceTotal, naiveMax });
    return {
      slug: challenge.slug,
      solution: j.solution,
      role: j.role,
      scale: ctx.scale,
      verdict: j.report.verdict,
      total: totalOf(j),
      requirement,
      ok: reason === undefined,
      ...(reason ? { reason } : {}),
      report: j.report,
    };
  });
  if (!graded.some((dir) => path.basename(dir).startsWith('mid'))) {
    const first = results[0]!;
    results.push({ ...first, solution: 'mid*', role: 'graded', total: null, requirement: 'a solutions/mid* folder', ok: false, reason: 'no mid solution: the rubric is only proven at the ends of the scale' });
  }
  return results;
}

interface Bounds {
  band?: ScoreBand;
  referenceTotal: number | null;
  naiveMax: number;
}

function judgeCheck(j: Judged, b: Bounds): { requirement: string; reason?: string } {
  const total = j.report.score?.total ?? null;
  const { report } = j;
  if (j.role === 'reference') {
    const requirement = `>= ${REFERENCE_MIN_TOTAL}`;
    const failedTests = report.tests.filter((t) => !t.passed);
    if (report.verdict === 'INTERNAL_ERROR') return { requirement, reason: `platform error: ${report.message ?? 'unknown'}` };
    if (report.verdict !== 'ACCEPTED') return { requirement, reason: `verdict ${report.verdict}${report.message ? `: ${report.message.split('\n')[0]}` : ''}` };
    if (total === null || total < REFERENCE_MIN_TOTAL) return { requirement, reason: `scored ${total}, below ${REFERENCE_MIN_TOTAL}` };
    if (failedTests.length) return { requirement, reason: `fails visible tests: ${failedTests.map((t) => t.name).join(', ')}` };
    return { requirement };
  }
  if (j.role === 'naive') {
    const requirement = `<= ${NAIVE_MAX_TOTAL}`;
    if (report.verdict === 'INTERNAL_ERROR') return { requirement, reason: `platform error: ${report.message ?? 'unknown'}` };
    if (total === null || total > NAIVE_MAX_TOTAL) return { requirement, reason: `scored ${total}, above ${NAIVE_MAX_TOTAL}` };
    return { requirement };
  }
  const band = b.band!;
  const requirement = `${band.min}–${band.max}, < reference, > naive`;
  if (report.verdict === 'INTERNAL_ERROR') return { requirement, reason: `platform error: ${report.message ?? 'unknown'}` };
  // A graded solution runs to the end: some checks may fail (partial credit), but a crash or a limit means it broke.
  if (report.verdict !== 'ACCEPTED' && report.verdict !== 'WRONG_ANSWER') return { requirement, reason: `verdict ${report.verdict}${report.message ? `: ${report.message.split('\n')[0]}` : ''}` };
  if (total === null || total < band.min || total > band.max) return { requirement, reason: `scored ${total}, outside ${band.min}–${band.max}` };
  if (b.referenceTotal !== null && total >= b.referenceTotal) return { requirement, reason: `scored ${total}, not below the reference's ${b.referenceTotal}` };
  if (total <= b.naiveMax) return { requirement, reason: `scored ${total}, not above the best naive solution's ${b.naiveMax}` };
  return { requirement };
}

/** Every solution's quick and full totals must agree within the challenge's margin (a score must not be a scale artefact). */
export function compareScales(challenge: LoadedChallenge, quick: SolutionCheck[], full: SolutionCheck[]): ScaleAgreement[] {
  const margin = challenge.manifest.calibration.scaleAgreementPoints;
  return quick
    .filter((q) => q.solution !== 'mid*')
    .map((q) => {
      const f = full.find((x) => x.solution === q.solution);
      const fullTotal = f?.total ?? null;
      let reason: string | undefined;
      if (q.total === null || fullTotal === null) reason = `no total at ${q.total === null ? 'quick' : 'full'} scale`;
      else if (Math.abs(q.total - fullTotal) > margin) reason = `quick ${q.total} vs full ${fullTotal}: more than ${margin} points apart`;
      return { slug: challenge.slug, solution: q.solution, quick: q.total, full: fullTotal, marginPoints: margin, ok: reason === undefined, ...(reason ? { reason } : {}) };
    });
}
