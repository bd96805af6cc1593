import { randomBytes } from 'node:crypto';
import { Router } from 'express';
import type { Queue } from 'bullmq';
import { SaveWebhookBodySchema, type WebhookDelivery, type WebhookSettings } from '@assay/shared';
import { requireStaff, staffOf } from '../auth/auth.middleware';
import type { Db } from '../db/db';
import { parseInput } from '../http/validate';
import { AppError } from '../platform/errors';
import { enqueueWebhook } from './webhook.events';
import { findWebhookSettings, listDeliveries, saveWebhookSettings } from './webhook.repository';
import type { WebhookDeliveryRow, WebhookSettingsRow } from './webhook.table';

function toSettings(row: WebhookSettingsRow | undefined): WebhookSettings {
  if (!row) return { configured: false, url: null, enabled: false, secretHint: null, updatedAt: null };
  return { configured: true, url: row.url, enabled: row.enabled, secretHint: `…${row.secret.slice(-4)}`, updatedAt: row.updated_at.toISOString() };
}

function toDelivery(row: WebhookDeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    event: row.event as WebhookDelivery['event'],
    url: row.url,
    status: row.status,
    attempts: row.attempts,
    lastStatusCode: row.last_status_code,
    lastError: row.last_error,
    createdAt: row.created_at.toISOString(),
    lastAttemptAt: row.last_attempt_at?.toISOString() ?? null,
    deliveredAt: row.delivered_at?.toISOString() ?? null,
    body: row.body,
  };
}

/**
 * The organisation's webhook, mounted at /api/webhook: admins only. The
 * secret is write-only (answers show its last 4 characters); saving
 * without one keeps the saved secret, and the first save without one makes one.
 */
export function webhookRoutes(db: Db, queue: Queue): Router {
  const router = Router();
  router.use(requireStaff('admin'));

  router.get('/', async (_req, res) => {
    res.json(toSettings(await findWebhookSettings(db)));
  });
  router.put('/', async (req, res) => {
    const body = parseInput(SaveWebhookBodySchema, req.body);
    const existing = await findWebhookSettings(db);
    const secret = body.secret ?? existing?.secret ?? `whsec_${randomBytes(24).toString('base64url')}`;
    const row = await saveWebhookSettings(db, { url: body.url, secret, enabled: body.enabled, userId: staffOf(req).id });
    // A generated secret is shown once, here: the receiver needs it.
    res.json({ ...toSettings(row), ...(body.secret === undefined && !existing ? { secret } : {}) });
  });
  router.post('/test', async (req, res) => {
    const user = staffOf(req);
    const delivery = await enqueueWebhook(db, queue, 'test', { message: 'A test event from Assay.', sentBy: { id: user.id, name: user.name } });
    if (!delivery) throw new AppError('CONFLICT', 'Set up and enable a webhook first.');
    res.status(202).json(toDelivery(delivery));
  });
  router.get('/deliveries', async (_req, res) => {
    res.json({ deliveries: (await listDeliveries(db)).map(toDelivery) });
  });
  return router;
}
