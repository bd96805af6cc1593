import type { ColumnType, Generated, JSONColumnType, Selectable } from 'kysely';
import type { ChallengeManifest, RubricInput } from '@assay/shared';

type Json<T extends object | null> = JSONColumnType<T, string, string>;

export interface ChallengeVersionsTable {
  id: Generated<string>;
  slug: string;
  content_hash: string;
  title: string;
  manifest: Json<ChallengeManifest>;
  prompt: string;
  starter_files: Json<Record<string, string>>;
  visible_tests: Json<Record<string, string>>;
  is_current: Generated<boolean>;
  synced_at: ColumnType<Date, Date | undefined, Date>;
}
export type ChallengeVersionRow = Selectable<ChallengeVersionsTable>;

export interface RubricVersionsTable {
  id: Generated<string>;
  challenge_slug: string;
  version: number;
  rubric: Json<RubricInput>;
  content_hash: string;
  is_current: Generated<boolean>;
  created_at: ColumnType<Date, Date | undefined, never>;
  /** `file`: challenges/<slug>/rubric.json; `panel`: published from a draft (migration 0006). */
  source: Generated<'file' | 'panel'>;
  published_by: string | null;
  /** The publisher's one-line reason (panel versions). */
  reason: string | null;
}
export type RubricVersionRow = Selectable<RubricVersionsTable>;
