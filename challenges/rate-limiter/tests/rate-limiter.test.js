'use strict';
/** Visible tests: `node --test tests/*.test.js`. They start your server and call it. */
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const path = require('node:path');

let server;
let base;

before(async () => {
  const port = 20000 + Math.floor(Math.random() * 20000);
  base = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, [path.join(__dirname, '..', 'main.js')], { env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'inherit'] });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${base}/health`)).ok) return;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error('the server did not answer GET /health within 5 s');
});
after(() => server.kill());

const call = (key) => fetch(`${base}/api/data`, { headers: key ? { 'x-api-key': key } : {} });
const burst = (key, n) => Promise.all(Array.from({ length: n }, () => call(key)));

test('401 without a key', async () => {
  assert.equal((await call(null)).status, 401);
});

test('a burst of 12 lets 10 through; the rest get 429 with Retry-After', async () => {
  const rs = await burst('burst-key', 12);
  assert.equal(rs.filter((r) => r.status === 200).length, 10);
  const denied = rs.filter((r) => r.status === 429);
  assert.equal(denied.length, 2);
  for (const r of denied) assert.match(r.headers.get('retry-after') ?? '', /^[1-9]\d*$/);
});

test('keys do not share a bucket', async () => {
  await burst('greedy-key', 12);
  assert.equal((await burst('other-key', 10)).filter((r) => r.status === 200).length, 10);
});

test('tokens come back at 5 per second, not all at once', async () => {
  await burst('refill-key', 10);
  await new Promise((r) => setTimeout(r, 1000));
  const ok = (await burst('refill-key', 10)).filter((r) => r.status === 200).length;
  assert.ok(ok >= 4 && ok <= 6, `${ok} let through after 1 s, expected about 5`);
});
