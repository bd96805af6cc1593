import type { WebhookDeliveryStatus } from '@assay/shared';
import type { Db } from '../db/db';
import type { WebhookDeliveryRow, WebhookSettingsRow } from './webhook.table';

export async function findWebhookSettings(db: Db): Promise<WebhookSettingsRow | undefined> {
  return db.selectFrom('webhook_settings').selectAll().where('id', '=', 1).executeTakeFirst();
}

export async function saveWebhookSettings(db: Db, s: { url: string; secret: string; enabled: boolean; userId: string }): Promise<WebhookSettingsRow> {
  const now = new Date();
  const values = { url: s.url, secret: s.secret, enabled: s.enabled, updated_by: s.userId, updated_at: now };
  return db
    .insertInto('webhook_settings')
    .values({ id: 1, ...values })
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertDelivery(db: Db, row: { id: string; event: string; url: string; body: string }): Promise<WebhookDeliveryRow> {
  return db.insertInto('webhook_deliveries').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findDelivery(db: Db, id: string): Promise<WebhookDeliveryRow | undefined> {
  return db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function recordAttempt(db: Db, id: string, result: { status: WebhookDeliveryStatus; statusCode: number | null; error: string | null }): Promise<void> {
  const now = new Date();
  await db
    .updateTable('webhook_deliveries')
    .set((eb) => ({
      status: result.status,
      attempts: eb('attempts', '+', 1),
      last_status_code: result.statusCode,
      last_error: result.error,
      last_attempt_at: now,
      delivered_at: result.status === 'delivered' ? now : null,
    }))
    .where('id', '=', id)
    .execute();
}

export async function listDeliveries(db: Db, limit = 100): Promise<WebhookDeliveryRow[]> {
  return db.selectFrom('webhook_deliveries').selectAll().orderBy('created_at', 'desc').limit(limit).execute();
}
