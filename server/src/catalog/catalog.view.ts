import { RubricSchema, type ChallengeDetail, type ChallengeSummary, type ChallengeVersion } from '@assay/shared';
import type { ChallengeVersionRow, RubricVersionRow } from './catalog.table';

export function toChallengeSummary(row: ChallengeVersionRow): ChallengeSummary {
  const m = row.manifest;
  return { slug: m.slug, title: m.title, summary: m.summary, difficulty: m.difficulty, skills: m.skills, timeAllowedMinutes: m.timeAllowedMinutes, kind: m.kind, entry: m.entry };
}

export function toChallengeVersion(row: ChallengeVersionRow, rubric: RubricVersionRow | undefined): ChallengeVersion {
  return {
    ...toChallengeSummary(row),
    versionId: row.id,
    contentHash: row.content_hash,
    rubricVersion: rubric ? `${rubric.challenge_slug}@${rubric.version}` : null,
    syncedAt: row.synced_at.toISOString(),
  };
}

/** Staff only: includes the rubric's thresholds. */
export function toChallengeDetail(row: ChallengeVersionRow, rubric: RubricVersionRow | undefined): ChallengeDetail {
  return { ...toChallengeVersion(row, rubric), prompt: row.prompt, rubric: rubric ? RubricSchema.parse(rubric.rubric) : null };
}
