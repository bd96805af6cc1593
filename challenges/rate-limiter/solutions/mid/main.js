'use strict';
/**
 * Mid-level: a correct token bucket per key, refilled lazily. Two slips: the
 * Retry-After header is rounded to the nearest second, so a wait under half a
 * second is announced as "0" (and a client that trusts it hammers the API),
 * and buckets are never swept, so memory grows with every key ever seen.
 */
const http = require('node:http');

const CAPACITY = 10;
const REFILL_PER_MS = 5 / 1000;
const buckets = new Map();

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
  send(res, 429, { error: 'rate limited' }, { 'retry-after': String(Math.round(verdict.retryAfterMs / 1000)) });
});

server.listen(Number(process.env.PORT) || 3000);
