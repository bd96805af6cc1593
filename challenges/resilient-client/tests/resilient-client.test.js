'use strict';
/**
 * Visible tests: `node --test tests/*.test.js`. They start a fake price
 * service (tests/flaky-upstream.js) whose mode they switch, and your server.
 */
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const path = require('node:path');
const { startUpstream, priceOf } = require('./flaky-upstream.js');

let upstream;
let server;
let base;

before(async () => {
  upstream = await startUpstream(0, { seed: 3, failRate: 0.3 });
  const port = 20000 + Math.floor(Math.random() * 20000);
  base = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, [path.join(__dirname, '..', 'main.js')], {
    env: { ...process.env, PORT: String(port), UPSTREAM_URL: `http://127.0.0.1:${upstream.port}` },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${base}/health`)).ok) return;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error('the server did not answer GET /health within 5 s');
});
after(() => {
  server.kill();
  upstream.close();
});

const quote = async (symbol) => {
  const started = performance.now();
  const res = await fetch(`${base}/quote/${symbol}`, { signal: AbortSignal.timeout(5000) });
  return { status: res.status, body: await res.text(), ms: performance.now() - started };
};

test('passes a healthy quote through', async () => {
  upstream.state.mode = 'healthy';
  const r = await quote('ACME');
  assert.equal(r.status, 200);
  assert.deepEqual(JSON.parse(r.body), { symbol: 'ACME', price: priceOf('ACME') });
});

test('passes 404 through and does not retry it', async () => {
  upstream.state.mode = 'healthy';
  const before = upstream.state.calls.length;
  assert.equal((await quote('ZED')).status, 404);
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(upstream.state.calls.length - before, 1);
});

test('retries transient failures: most quotes succeed while 30% of calls fail', async () => {
  upstream.state.mode = 'flaky';
  const rs = await Promise.all(Array.from({ length: 20 }, (_, i) => quote(['ACME', 'BOLT', 'CRUX'][i % 3])));
  upstream.state.mode = 'healthy';
  assert.ok(rs.filter((r) => r.status === 200).length >= 18, `only ${rs.filter((r) => r.status === 200).length} of 20 succeeded`);
});

test('answers within 2 s even when the service does not answer', async () => {
  upstream.state.mode = 'hang';
  const r = await quote('ACME');
  upstream.state.mode = 'healthy';
  assert.equal(r.status, 503);
  assert.ok(r.ms < 2300, `answered after ${Math.round(r.ms)} ms`);
});

test('stops calling a service that is down (circuit breaker), then recovers', async () => {
  upstream.state.mode = 'down';
  const calls = () => upstream.state.calls.length;
  for (let i = 0; i < 20; i++) await quote('BOLT');
  const before = calls();
  for (let i = 0; i < 20; i++) await quote('BOLT');
  assert.ok(calls() - before <= 3, `${calls() - before} upstream calls for 20 quotes while it was down`);
  upstream.state.mode = 'healthy';
  await new Promise((r) => setTimeout(r, 1500));
  assert.equal((await quote('BOLT')).status, 200);
});
