import type { JSONColumnType, Selectable } from 'kysely';
import type { RubricInput } from '@assay/shared';

/** A panel's unpublished edit of a challenge's rubric: one shared draft per challenge. */
export interface RubricDraftsTable {
  challenge_slug: string;
  /** The published version the draft was started from (preview compares against the one in force). */
  base_version_id: string;
  /** As edited; always valid (saving refuses an invalid rubric with the field named). */
  rubric: JSONColumnType<RubricInput, string, string>;
  updated_by: string;
  updated_at: Date;
}
export type RubricDraftRow = Selectable<RubricDraftsTable>;
