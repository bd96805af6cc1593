import { signWebhook, verifyWebhookSignature } from './webhook.signature';

describe('webhook signatures', () => {
  const secret = 'whsec-test-0123456789abcdef';
  const body = JSON.stringify({ id: '6c5f', event: 'score.final', data: { total: 87.5 } });
  const now = 1_800_000_000;
  const signed = (over: Partial<Parameters<typeof verifyWebhookSignature>[0]> = {}) =>
    verifyWebhookSignature({ secret, body, timestamp: String(now), signature: signWebhook(secret, now, body), nowSec: now, ...over });

  it('accepts the call as signed, from a string or the raw bytes', () => {
    expect(signed()).toEqual({ ok: true });
    expect(signed({ body: Buffer.from(body) })).toEqual({ ok: true });
    expect(signWebhook(secret, now, body)).toMatch(/^v1=[0-9a-f]{64}$/);
  });

  it('refuses a tampered body', () => {
    expect(signed({ body: body.replace('87.5', '97.5') })).toEqual({ ok: false, reason: 'signature mismatch' });
    expect(signed({ body: `${body} ` })).toEqual({ ok: false, reason: 'signature mismatch' });
  });

  it('refuses a timestamp older (or newer) than the 5-minute window, and one re-signed by someone without the secret', () => {
    const old = now - 301;
    expect(verifyWebhookSignature({ secret, body, timestamp: String(old), signature: signWebhook(secret, old, body), nowSec: now })).toEqual({ ok: false, reason: 'timestamp outside the replay window' });
    expect(verifyWebhookSignature({ secret, body, timestamp: String(now - 300), signature: signWebhook(secret, now - 300, body), nowSec: now })).toEqual({ ok: true });
    expect(verifyWebhookSignature({ secret, body, timestamp: String(now + 301), signature: signWebhook(secret, now + 301, body), nowSec: now }).ok).toBe(false);
    // The timestamp is inside the signature: moving it forward breaks the signature.
    expect(signed({ timestamp: String(now + 1) })).toEqual({ ok: false, reason: 'signature mismatch' });
    expect(signed({ signature: signWebhook('another-secret-entirely', now, body) })).toEqual({ ok: false, reason: 'signature mismatch' });
  });

  it('refuses missing or malformed headers, and accepts any one of several signatures (secret rotation)', () => {
    expect(signed({ timestamp: undefined })).toEqual({ ok: false, reason: 'missing header' });
    expect(signed({ signature: undefined })).toEqual({ ok: false, reason: 'missing header' });
    expect(signed({ timestamp: '1e9' })).toEqual({ ok: false, reason: 'bad timestamp' });
    expect(signed({ signature: `v1=${'0'.repeat(64)}, ${signWebhook(secret, now, body)}` })).toEqual({ ok: true });
    expect(signed({ signature: 'v1=short' })).toEqual({ ok: false, reason: 'signature mismatch' });
  });
});
