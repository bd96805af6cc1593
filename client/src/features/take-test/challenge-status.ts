import type { SolutionFiles, SubmissionKind, SubmissionSummary } from '@assay/shared';
import { sameFiles } from './draft-sync';

/** Where a candidate stands on one challenge, for the navigation. */
export type ChallengeProgress = 'untouched' | 'edited' | 'tested' | 'submitted';

export const PROGRESS_LABELS: Record<ChallengeProgress, string> = { untouched: 'Not started', edited: 'Edited', tested: 'Tested', submitted: 'Submitted' };

/** The most recent submission of a kind for a challenge. */
export function latest(subs: SubmissionSummary[], slug: string, kind: SubmissionKind): SubmissionSummary | undefined {
  return subs
    .filter((s) => s.challengeSlug === slug && s.kind === kind)
    .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt))
    .at(-1);
}

export function challengeProgress(subs: SubmissionSummary[], slug: string, files: SolutionFiles, starter: SolutionFiles, hasServerDraft: boolean): ChallengeProgress {
  if (latest(subs, slug, 'final')) return 'submitted';
  if (latest(subs, slug, 'test')) return 'tested';
  return hasServerDraft || !sameFiles(files, starter) ? 'edited' : 'untouched';
}
