'use strict';
/**
 * Visible tests: `node --test tests/*.test.js`. They start a fake item service
 * (tests/upstream.js: at most 8 requests at once) and your server.
 */
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const path = require('node:path');
const { startUpstream, valueOf } = require('./upstream.js');

let upstream;
let server;
let base;

before(async () => {
  upstream = await startUpstream(0, { limit: 8 });
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
  upstream.server.close();
  upstream.server.closeAllConnections();
});

const expected = (ids) => ({ items: ids.map((id) => ({ id, value: valueOf(id) })), total: ids.reduce((s, id) => s + valueOf(id), 0) });

test('aggregates a few ids in order', async () => {
  const res = await fetch(`${base}/aggregate?ids=3,1,2,3`);
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), expected([3, 1, 2, 3]));
});

test('answers 400 to bad ids', async () => {
  for (const q of ['', '?ids=', '?ids=1,x', '?ids=-1']) assert.equal((await fetch(`${base}/aggregate${q}`)).status, 400, q);
});

test('aggregates 50 ids without ever exceeding 8 upstream requests at once', async () => {
  const ids = Array.from({ length: 50 }, (_, i) => i + 100);
  const res = await fetch(`${base}/aggregate?ids=${ids.join(',')}`);
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), expected(ids));
  assert.equal(upstream.stats.rejected, 0, 'the upstream refused requests: more than 8 were in flight');
});
