'use strict';
/**
 * Reference solution: a token bucket per key, refilled lazily from the time
 * elapsed since it was last touched (no timers per key). Buckets that have
 * refilled completely hold no information and are swept away, so memory is
 * bounded by the keys active in the last few seconds, not by every key ever seen.
 */
const http = require('node:http');

const CAPACITY = 10;
const REFILL_PER_MS = 5 / 1000;
const FULL_AFTER_MS = CAPACITY / REFILL_PER_MS;

/** key → { tokens, at } (tokens as of time `at`, in ms). */
const buckets = new Map();

/** Takes a token for `key` if there is one; otherwise tells how long until there is. */
function take(key, now) {
  const b = buckets.get(key) ?? { tokens: CAPACITY, at: now };
  b.tokens = Math.min(CAPACITY, b.tokens + (now - b.at) * REFILL_PER_MS);
  b.at = now;
  buckets.set(key, b);
  if (b.tokens >= 1) {
    b.tokens -= 1;
    return { allowed: true };
  }
  return { allowed: false, retryAfterMs: (1 - b.tokens) / REFILL_PER_MS };
}

// Forget buckets that are full again: recreating them gives the same answer.
setInterval(() => {
  const now = performance.now();
  for (const [key, b] of buckets) if (now - b.at >= FULL_AFTER_MS) buckets.delete(key);
}, 5_000).unref();

function send(res, status, body, headers = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

const server = http.createServer((req, res) => {
  if (req.url === '/health') return res.end('ok');
  if (req.url !== '/api/data') return send(res, 404, { error: 'not found' });
  const key = req.headers['x-api-key'];
  if (!key) return send(res, 401, { error: 'missing x-api-key' });
  const verdict = take(key, performance.now());
  if (verdict.allowed) return send(res, 200, { ok: true });
  const seconds = Math.max(1, Math.ceil(verdict.retryAfterMs / 1000));
  send(res, 429, { error: 'rate limited' }, { 'retry-after': String(seconds) });
});

server.listen(Number(process.env.PORT) || 3000);
