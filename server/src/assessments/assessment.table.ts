import type { ColumnType, Generated, Selectable } from 'kysely';

export interface AssessmentsTable {
  id: Generated<string>;
  title: string;
  time_allowed_minutes: number;
  created_by: string;
  created_at: ColumnType<Date, Date | undefined, never>;
}
export type AssessmentRow = Selectable<AssessmentsTable>;

export interface AssessmentChallengesTable {
  assessment_id: string;
  position: number;
  challenge_slug: string;
  challenge_version_id: string;
}
