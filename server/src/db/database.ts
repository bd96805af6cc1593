import type { ActivityEventsTable } from '../activity/activity.table';
import type { AssessmentChallengesTable, AssessmentsTable } from '../assessments/assessment.table';
import type { SessionsTable } from '../auth/session.table';
import type { ChallengeVersionsTable, RubricVersionsTable } from '../catalog/catalog.table';
import type { DraftsTable } from '../drafts/draft.table';
import type { InvitationsTable } from '../invitations/invitation.table';
import type { PreferencesTable } from '../preferences/preference.table';
import type { ReviewsTable } from '../reviews/review.table';
import type { RunMemoryTimelinesTable } from '../runs/run-timeline.table';
import type { RubricDraftsTable } from '../rubrics/rubric.table';
import type { RunsTable, ScoresTable } from '../runs/run.table';
import type { SimilarityChecksTable, SimilarityMatchesTable } from '../similarity/similarity.table';
import type { SubmissionsTable } from '../submissions/submission.table';
import type { UsersTable } from '../users/user.table';
import type { WebhookDeliveriesTable, WebhookSettingsTable } from '../webhooks/webhook.table';

/**
 * The Kysely view of the schema: one interface per table, added by the
 * domain that owns it (e.g. submissions/submission.table.ts) and listed here.
 */
export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  challenge_versions: ChallengeVersionsTable;
  rubric_versions: RubricVersionsTable;
  assessments: AssessmentsTable;
  assessment_challenges: AssessmentChallengesTable;
  invitations: InvitationsTable;
  drafts: DraftsTable;
  submissions: SubmissionsTable;
  runs: RunsTable;
  scores: ScoresTable;
  reviews: ReviewsTable;
  activity_events: ActivityEventsTable;
  staff_preferences: PreferencesTable;
  similarity_checks: SimilarityChecksTable;
  similarity_matches: SimilarityMatchesTable;
  run_memory_timelines: RunMemoryTimelinesTable;
  rubric_drafts: RubricDraftsTable;
  webhook_settings: WebhookSettingsTable;
  webhook_deliveries: WebhookDeliveriesTable;
}
