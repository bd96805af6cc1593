/**
 * How Assay signs webhook calls, and the check a receiver runs. This file
 * depends on node:crypto only: receivers may copy it as it is.
 *
 * Each call carries
 *   X-Assay-Timestamp: <unix seconds when this attempt was sent>
 *   X-Assay-Signature: v1=<hex HMAC-SHA256(secret, timestamp + "." + raw body)>
 *   X-Assay-Delivery:  <delivery id, the same on every retry: deduplicate on it>
 *   X-Assay-Event:     score.final | review.decision | test
 *
 * Replay window: a receiver refuses a timestamp more than 5 minutes from its
 * own clock (either way). Within the window, a replayed call has a delivery
 * id the receiver has seen already. Verify the raw bytes, before parsing JSON.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-assay-signature';
export const TIMESTAMP_HEADER = 'x-assay-timestamp';
export const DELIVERY_HEADER = 'x-assay-delivery';
export const EVENT_HEADER = 'x-assay-event';

/** Oldest (or most future) timestamp accepted, in seconds. @defaultValue 300 */
export const REPLAY_WINDOW_SEC = 300;

/** The `X-Assay-Signature` value for a body sent at `timestampSec`. */
export function signWebhook(secret: string, timestampSec: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestampSec}.${body}`).digest('hex')}`;
}

export interface VerifyInput {
  secret: string;
  /** The raw request body, exactly as received. */
  body: string | Buffer;
  /** The X-Assay-Timestamp header. */
  timestamp: string | undefined;
  /** The X-Assay-Signature header (may list several `v1=` values, comma-separated). */
  signature: string | undefined;
  /** Seconds a timestamp may differ from now. @defaultValue REPLAY_WINDOW_SEC (300) */
  toleranceSec?: number;
  /** The receiver's clock, unix seconds. @defaultValue Date.now() / 1000 */
  nowSec?: number;
}

export type VerifyResult = { ok: true } | { ok: false; reason: 'missing header' | 'bad timestamp' | 'timestamp outside the replay window' | 'signature mismatch' };

/** Checks a webhook call: a fresh timestamp and a signature over it and the raw body. */
export function verifyWebhookSignature(input: VerifyInput): VerifyResult {
  const { secret, timestamp, signature } = input;
  if (!timestamp || !signature) return { ok: false, reason: 'missing header' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'bad timestamp' };
  const now = input.nowSec ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - Number(timestamp)) > (input.toleranceSec ?? REPLAY_WINDOW_SEC)) return { ok: false, reason: 'timestamp outside the replay window' };
  const body = typeof input.body === 'string' ? input.body : input.body.toString('utf8');
  const expected = Buffer.from(signWebhook(secret, Number(timestamp), body));
  const matches = signature.split(',').some((s) => {
    const given = Buffer.from(s.trim());
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  return matches ? { ok: true } : { ok: false, reason: 'signature mismatch' };
}
