'use strict';
/**
 * Visible tests: `node --test tests/*.test.js`. They write a small events
 * file, start your server on it, and download the export (once quickly, once
 * slowly).
 */
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');

let server;
let port;
let dir;
const events = [];

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backpressure-'));
  const lines = [];
  for (let id = 1; id <= 20_000; id++) {
    const e = { id, user: `u_${(id * 7919) % 100_000}`, amountCents: (id * 31) % 50_000, ts: new Date(Date.UTC(2026, 0, 1) + id * 1000).toISOString(), note: id % 3 ? '' : 'ünïcødé, "quoted"\nnote' };
    events.push(e);
    // Some lines with another key order, or spaces: parse the JSON, do not slice the text.
    lines.push(id % 10 === 0 ? JSON.stringify({ ts: e.ts, amountCents: e.amountCents, note: e.note, user: e.user, id }) : id % 10 === 1 ? JSON.stringify(e, null, 1).replace(/\n/g, ' ') : JSON.stringify(e));
  }
  fs.writeFileSync(path.join(dir, 'events.ndjson'), `${lines.join('\n')}\n`);
  port = 20000 + Math.floor(Math.random() * 20000);
  server = spawn(process.execPath, [path.join(__dirname, '..', 'main.js')], {
    env: { ...process.env, PORT: String(port), EVENTS_FILE: path.join(dir, 'events.ndjson') },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error('the server did not answer GET /health within 5 s');
});
after(() => {
  server.kill();
  fs.rmSync(dir, { recursive: true, force: true });
});

const expected = () => `id,user,amountCents,ts\n${events.map((e) => `${e.id},${e.user},${e.amountCents},${e.ts}\n`).join('')}`;

/** Downloads the export, pausing `pauseMs` after every chunk (a slow client). */
function download(pauseMs = 0) {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: '/export.csv', agent: false }, (res) => {
        const chunks = [];
        res.on('data', (c) => {
          chunks.push(c);
          if (pauseMs) {
            res.pause();
            setTimeout(() => res.resume(), pauseMs);
          }
        });
        res.on('end', () => resolve({ status: res.statusCode, type: res.headers['content-type'], body: Buffer.concat(chunks).toString('utf8') }));
      })
      .on('error', reject);
  });
}

test('exports every event as CSV, in file order', async () => {
  const r = await download();
  assert.equal(r.status, 200);
  assert.match(r.type ?? '', /^text\/csv/);
  assert.equal(r.body, expected());
});

test('a slow client gets the same export', async () => {
  const r = await download(5);
  assert.equal(r.body, expected());
});
