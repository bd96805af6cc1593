import type { CandidateSees } from '@assay/shared';
import type { ColumnType, Generated, Selectable } from 'kysely';

export interface AssessmentsTable {
  id: Generated<string>;
  title: string;
  time_allowed_minutes: number;
  candidate_sees: ColumnType<CandidateSees, CandidateSees | undefined, CandidateSees>;
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
