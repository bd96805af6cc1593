import type { ColumnType, Generated, Selectable } from 'kysely';

export interface InvitationsTable {
  id: Generated<string>;
  assessment_id: string;
  candidate_name: string;
  candidate_email: string;
  /** SHA-256 of the invite token; the token is shown once, at creation. */
  token_hash: string;
  created_by: string;
  created_at: ColumnType<Date, Date | undefined, never>;
  /** Last moment the link can be used to start. */
  expires_at: Date;
  extra_time_minutes: Generated<number>;
  started_at: Date | null;
  /** started_at + assessment time + extra time, fixed server-side when the candidate starts. */
  deadline_at: Date | null;
  finished_at: Date | null;
  revoked_at: Date | null;
  /** When the server submitted the last drafts as finals (deadline or early finish); set once, by whoever claims it first. */
  drafts_submitted_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}
export type InvitationRow = Selectable<InvitationsTable>;
