'use strict';
/**
 * Mid-level: every attempt has a timeout and transient failures are retried
 * within a 2 s budget, so a flaky service is hidden from callers. But retries
 * come after a fixed 100 ms (no exponential backoff, no jitter) and there is
 * no circuit breaker: while the service is down each quote keeps trying it
 * until its budget runs out, multiplying the load on a service that is
 * already struggling and making every caller wait the full budget.
 */
const http = require('node:http');

const UPSTREAM = process.env.UPSTREAM_URL || 'http://127.0.0.1:4000';
const BUDGET_MS = 2000;
const ATTEMPT_TIMEOUT_MS = 500;
const RETRY_DELAY_MS = 100;
const MARGIN_MS = 50;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const UNAVAILABLE = { status: 503, body: '{"error":"price service unavailable"}' };

async function quote(symbol) {
  const deadline = Date.now() + BUDGET_MS - MARGIN_MS;
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0) return UNAVAILABLE;
    try {
      const res = await fetch(`${UPSTREAM}/price/${symbol}`, { signal: AbortSignal.timeout(Math.min(ATTEMPT_TIMEOUT_MS, left)) });
      const body = await res.text();
      if (res.status < 500) return { status: res.status, body };
    } catch {
      // reset, refused or timed out: try again
    }
    if (Date.now() + RETRY_DELAY_MS >= deadline) return UNAVAILABLE;
    await sleep(RETRY_DELAY_MS);
  }
}

const server = http.createServer(async (req, res) => {
  if (req.url === '/health') return res.end('ok');
  const m = /^\/quote\/([A-Z]{1,5})$/.exec(req.url);
  if (!m) return res.writeHead(404).end();
  const { status, body } = await quote(m[1]);
  res.writeHead(status, { 'content-type': 'application/json' }).end(body);
});

server.listen(Number(process.env.PORT) || 3000);
