import { RubricSchema, type RubricDraft, type RubricVersion } from '@assay/shared';
import type { DraftWithEditor, RubricVersionWithPublisher } from './rubric.repository';

export function toRubricVersion(row: RubricVersionWithPublisher): RubricVersion {
  return {
    id: row.id,
    challengeSlug: row.challenge_slug,
    version: row.version,
    source: row.source,
    publishedBy: row.published_by ? { id: row.published_by, name: row.publisher_name ?? 'unknown' } : null,
    reason: row.reason,
    createdAt: row.created_at.toISOString(),
    isCurrent: row.is_current,
    rubric: RubricSchema.parse(row.rubric),
    scoreCount: row.score_count,
  };
}

export function toRubricDraft(row: DraftWithEditor): RubricDraft {
  return {
    challengeSlug: row.challenge_slug,
    baseVersion: row.base_version,
    rubric: RubricSchema.parse(row.rubric),
    updatedBy: { id: row.updated_by, name: row.editor_name },
    updatedAt: row.updated_at.toISOString(),
  };
}
