import type { Job } from 'bullmq';
import type { WorkerContext } from '../worker/job.registry';
import { findDelivery, findWebhookSettings, recordAttempt } from './webhook.repository';
import type { WebhookJobData } from './webhook.events';
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER } from './webhook.signature';

/** How long one send may take before it counts as failed. @defaultValue 10000 */
const SEND_TIMEOUT_MS = 10_000;

/** Thrown so BullMQ retries the send with exponential backoff. */
class DeliveryFailed extends Error {
  override name = 'DeliveryFailed';
}

/**
 * Sends one delivery: the stored body, signed afresh with the current
 * secret and a new timestamp (a retry minutes later must still fall in the
 * receiver's replay window). Any 2xx is delivered; anything else is retried
 * until the attempts run out, then the delivery is marked failed.
 */
export async function deliverWebhookJob(job: Job<WebhookJobData>, ctx: WorkerContext): Promise<string> {
  const delivery = await findDelivery(ctx.db, job.data.deliveryId);
  if (!delivery || delivery.status === 'delivered') return 'nothing to do';
  const settings = await findWebhookSettings(ctx.db);
  if (!settings?.enabled) {
    await recordAttempt(ctx.db, delivery.id, { status: 'failed', statusCode: null, error: 'the webhook was turned off before this was sent' });
    return 'webhook off';
  }
  const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
  const timestamp = Math.floor(Date.now() / 1000);
  let statusCode: number | null = null;
  let error: string | null = null;
  try {
    const res = await fetch(settings.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Assay-Webhook/1',
        [TIMESTAMP_HEADER]: String(timestamp),
        [SIGNATURE_HEADER]: signWebhook(settings.secret, timestamp, delivery.body),
        [DELIVERY_HEADER]: delivery.id,
        [EVENT_HEADER]: delivery.event,
      },
      body: delivery.body,
    });
    statusCode = res.status;
    await res.body?.cancel().catch(() => undefined);
    if (!res.ok) error = `the receiver answered ${res.status}`;
  } catch (err) {
    error = (err as Error).name === 'TimeoutError' ? `no answer within ${SEND_TIMEOUT_MS / 1000} s` : `could not connect: ${(err as Error).message}`;
  }
  if (!error) {
    await recordAttempt(ctx.db, delivery.id, { status: 'delivered', statusCode, error: null });
    return 'delivered';
  }
  await recordAttempt(ctx.db, delivery.id, { status: lastAttempt ? 'failed' : 'pending', statusCode, error });
  ctx.log.warn({ deliveryId: delivery.id, statusCode, error, lastAttempt }, 'webhook delivery failed');
  throw new DeliveryFailed(error);
}
