import type { ActivityEvent, ActivityKind } from '@assay/shared';
import type { Db } from '../db/db';
import type { ActivityEventRow } from './activity.table';

export interface NewActivity {
  invitationId: string;
  kind: ActivityKind;
  challengeSlug?: string | null;
  details?: Record<string, unknown>;
  occurredAt?: Date;
}

export async function recordActivity(db: Db, events: NewActivity[]): Promise<void> {
  if (!events.length) return;
  await db
    .insertInto('activity_events')
    .values(events.map((e) => ({
      invitation_id: e.invitationId,
      kind: e.kind,
      challenge_slug: e.challengeSlug ?? null,
      details: JSON.stringify(e.details ?? {}),
      occurred_at: e.occurredAt ?? new Date(),
    })))
    .execute();
}

export async function listActivity(db: Db, invitationId: string): Promise<ActivityEventRow[]> {
  return db.selectFrom('activity_events').selectAll().where('invitation_id', '=', invitationId).orderBy('occurred_at').orderBy('id').execute();
}

export function toActivityEvent(row: ActivityEventRow): ActivityEvent {
  return {
    id: String(row.id),
    invitationId: row.invitation_id,
    kind: row.kind,
    challengeSlug: row.challenge_slug,
    details: row.details,
    occurredAt: row.occurred_at.toISOString(),
    recordedAt: row.recorded_at.toISOString(),
  };
}
