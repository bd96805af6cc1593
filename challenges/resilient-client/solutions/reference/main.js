'use strict';
/**
 * Reference solution. Each quote gets a 2 s budget. Within it, attempts are
 * cut at 500 ms, and transient failures (5xx, resets, timeouts) are retried
 * after an exponential backoff with jitter (50, 100, 200… ms × 0.5–1). 4xx
 * answers are the upstream's final word and pass through. A circuit breaker
 * stops calling a service that keeps failing and answers 503 at once instead.
 */
const http = require('node:http');
const { CircuitBreaker } = require('./breaker');

const UPSTREAM = process.env.UPSTREAM_URL || 'http://127.0.0.1:4000';
const BUDGET_MS = 2000;
const ATTEMPT_TIMEOUT_MS = 500;
const BACKOFF_BASE_MS = 50;
/** Time kept back from the budget to write the answer. */
const MARGIN_MS = 50;

const breaker = new CircuitBreaker({ threshold: 8, coolDownMs: 1000 });
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const UNAVAILABLE = { status: 503, body: '{"error":"price service unavailable"}' };

async function attempt(symbol, timeoutMs) {
  const res = await fetch(`${UPSTREAM}/price/${symbol}`, { signal: AbortSignal.timeout(timeoutMs) });
  return { status: res.status, body: await res.text() };
}

async function quote(symbol) {
  const deadline = Date.now() + BUDGET_MS - MARGIN_MS;
  for (let n = 0; ; n++) {
    const left = deadline - Date.now();
    if (left <= 0 || !breaker.allow()) return UNAVAILABLE;
    try {
      const answer = await attempt(symbol, Math.min(ATTEMPT_TIMEOUT_MS, left));
      if (answer.status < 500) {
        breaker.success(); // 2xx and 4xx: the service is up and has spoken
        return answer;
      }
      breaker.failure();
    } catch {
      breaker.failure(); // reset, refused, or timed out
    }
    const backoff = BACKOFF_BASE_MS * 2 ** n * (0.5 + Math.random() / 2);
    if (Date.now() + backoff >= deadline) return UNAVAILABLE;
    await sleep(backoff);
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
