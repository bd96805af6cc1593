import path from 'node:path';
import type { SimilarityMatch, SimilarityReport } from '@assay/shared';
import { SIMILARITY_FLAG_SHARE } from '@assay/shared';
import { readTextFiles } from '../catalog/catalog.files';
import type { LoadedChallenge } from '../challenges/challenge.types';
import type { Db } from '../db/db';
import { findSubmission } from '../submissions/submission.repository';
import { compareFingerprints } from './similarity.compare';
import { findCheck, listComparableSubmissions, listMatches, storeMatches } from './similarity.repository';
import { DEFAULT_WINNOW, fingerprintSolution } from './similarity.winnow';

/** Options of the similarity check. */
export interface SimilarityOptions {
  /** Matches kept per submission, best first. @defaultValue 5 */
  keep: number;
  /** Other submissions compared at most (the newest). @defaultValue 2000 */
  compareAtMost: number;
  /** Matches below this share (both ways) are not stored. @defaultValue 0.05 */
  minShare: number;
}
export const DEFAULT_SIMILARITY: SimilarityOptions = { keep: 5, compareAtMost: 2000, minShare: 0.05 };

export const SIMILARITY_METHOD =
  `Winnowing (Schleimer, Wilkerson & Aiken 2003, as in MOSS) over JavaScript/TypeScript tokens with identifiers and literals ` +
  `normalized and comments dropped: ${DEFAULT_WINNOW.k}-token k-grams hashed, the minimum of every window of ${DEFAULT_WINNOW.w} kept. ` +
  `Fingerprints found in the starter files are removed. Share = fingerprints also found in the other solution ÷ this solution's fingerprints.`;

/** A challenge's own solutions by name (`reference`, `naive`, `naive-2`, …). */
export function challengeSolutions(challenge: LoadedChallenge): Record<string, Record<string, string>> {
  const dirs = [challenge.solutions.reference, ...challenge.solutions.naive];
  return Object.fromEntries(dirs.map((dir) => [path.basename(dir), readTextFiles(dir, { skipLarge: true })]));
}

/**
 * Compares a final submission with every other candidate's final submission
 * of the same challenge and with the challenge's own solutions, and stores
 * the best matches from both sides. Idempotent: a second run replaces the first.
 * @returns how many matches were stored
 */
export async function checkSimilarity(db: Db, submissionId: string, challenge: LoadedChallenge, opts: SimilarityOptions = DEFAULT_SIMILARITY): Promise<number> {
  const sub = await findSubmission(db, submissionId);
  if (!sub || sub.kind !== 'final') return 0;
  const ignore = new Set(fingerprintSolution(readTextFiles(challenge.starterDir, { skipLarge: true })).map((f) => f.hash));
  const mine = fingerprintSolution(sub.files, ignore);
  const others = await listComparableSubmissions(db, sub.challenge_slug, sub.invitation_id, opts.compareAtMost);
  const candidates = [
    ...others.map((o) => ({ otherSubmissionId: o.id, otherSolution: null, files: o.files })),
    ...Object.entries(challengeSolutions(challenge)).map(([name, files]) => ({ otherSubmissionId: null, otherSolution: name, files })),
  ];
  const compared = candidates.map((c) => ({ ...c, result: compareFingerprints(mine, fingerprintSolution(c.files, ignore)) }));
  const best = compared
    .filter((c) => c.result.share >= opts.minShare || c.result.otherShare >= opts.minShare)
    .sort((x, y) => y.result.share - x.result.share)
    .slice(0, opts.keep);
  await storeMatches(
    db,
    submissionId,
    { fingerprints: new Set(mine.map((f) => f.hash)).size, comparedWith: candidates.length },
    best.map((c) => ({
      submission_id: submissionId,
      other_submission_id: c.otherSubmissionId,
      other_solution: c.otherSolution,
      share: c.result.share,
      other_share: c.result.otherShare,
      shared_fingerprints: c.result.sharedFingerprints,
      regions: JSON.stringify(c.result.regions),
    })),
  );
  return best.length;
}

/**
 * The stored matches of a submission for a reviewer, with the other side's
 * files that hold a shared region. Another candidate's name only when the
 * viewer may see that candidate's assessment.
 */
export async function similarityReport(
  db: Db,
  submissionId: string,
  viewerCanSee: (invitationId: string) => Promise<{ candidateName: string } | null>,
  solutionsOf: (slug: string) => Record<string, Record<string, string>>,
  keep = DEFAULT_SIMILARITY.keep,
): Promise<Omit<SimilarityReport, 'submissionId'>> {
  const [check, rows, sub] = await Promise.all([findCheck(db, submissionId), listMatches(db, submissionId, keep), findSubmission(db, submissionId)]);
  const matches: SimilarityMatch[] = [];
  for (const row of rows) {
    let other: SimilarityMatch['other'];
    let files: Record<string, string>;
    if (row.other_submission_id) {
      const o = await findSubmission(db, row.other_submission_id);
      if (!o) continue;
      const visible = await viewerCanSee(o.invitation_id);
      other = { kind: 'submission', submissionId: o.id, invitationId: o.invitation_id, candidateName: visible?.candidateName ?? null, submittedAt: o.created_at.toISOString() };
      files = o.files;
    } else {
      other = { kind: 'solution', name: row.other_solution! };
      files = sub ? (solutionsOf(sub.challenge_slug)[row.other_solution!] ?? {}) : {};
    }
    const shown = new Set(row.regions.map((r) => r.b.file));
    matches.push({
      other,
      share: row.share,
      otherShare: row.other_share,
      sharedFingerprints: row.shared_fingerprints,
      flagged: row.share >= SIMILARITY_FLAG_SHARE || row.other_share >= SIMILARITY_FLAG_SHARE,
      regions: row.regions,
      otherFiles: Object.fromEntries(Object.entries(files).filter(([p]) => shown.has(p))),
      computedAt: row.computed_at.toISOString(),
    });
  }
  return { checked: Boolean(check), method: SIMILARITY_METHOD, matches };
}

