'use strict';
/**
 * Mid-level: respects the upstream limit of 8 for the whole process, but by
 * batches: a global queue runs one batch of 8 fetches at a time with
 * Promise.all, so each batch waits for its slowest item while free slots sit
 * idle. It also forgets the upper bound on ids (201 ids are accepted).
 */
const http = require('node:http');

const UPSTREAM = process.env.UPSTREAM_URL || 'http://127.0.0.1:4000';
const BATCH = 8;

let queue = Promise.resolve();
/** Runs one batch after every batch queued before it (a global lock). */
function exclusive(fn) {
  const run = queue.then(fn);
  queue = run.catch(() => {});
  return run;
}

async function fetchItem(id) {
  const res = await fetch(`${UPSTREAM}/item/${id}`);
  if (!res.ok) throw new Error(`upstream answered ${res.status} for item ${id}`);
  return res.json();
}

async function fetchAll(ids) {
  const items = [];
  for (let i = 0; i < ids.length; i += BATCH) {
    items.push(...(await exclusive(() => Promise.all(ids.slice(i, i + BATCH).map(fetchItem)))));
  }
  return items;
}

function send(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://localhost');
  if (url.pathname === '/health') return res.end('ok');
  if (url.pathname !== '/aggregate') return send(res, 404, { error: 'not found' });
  const raw = url.searchParams.get('ids');
  const parts = raw ? raw.split(',') : [];
  if (!parts.length || !parts.every((p) => /^\d+$/.test(p))) return send(res, 400, { error: 'ids must be comma-separated positive integers' });
  try {
    const items = await fetchAll(parts.map(Number));
    send(res, 200, { items, total: items.reduce((sum, item) => sum + item.value, 0) });
  } catch (err) {
    send(res, 502, { error: err.message });
  }
});

server.listen(Number(process.env.PORT) || 3000);
