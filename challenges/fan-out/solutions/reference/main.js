'use strict';
/**
 * Reference solution: one semaphore for the whole process caps upstream
 * requests at 8 whatever the number of incoming requests; each aggregate
 * starts all its fetches, which queue on the semaphore, and keeps the order
 * by index. An upstream failure fails the aggregate with 502.
 */
const http = require('node:http');

const UPSTREAM = process.env.UPSTREAM_URL || 'http://127.0.0.1:4000';
const UPSTREAM_LIMIT = 8;
const MAX_IDS = 200;

/** A counting semaphore: run(fn) waits for a free slot. */
class Semaphore {
  constructor(slots) {
    this.free = slots;
    this.waiting = [];
  }
  async run(fn) {
    if (this.free > 0) this.free--;
    else await new Promise((resolve) => this.waiting.push(resolve));
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      if (next) next(); // hand the slot over directly
      else this.free++;
    }
  }
}

const upstream = new Semaphore(UPSTREAM_LIMIT);

function fetchItem(id) {
  return upstream.run(async () => {
    const res = await fetch(`${UPSTREAM}/item/${id}`);
    if (!res.ok) throw new Error(`upstream answered ${res.status} for item ${id}`);
    return res.json();
  });
}

/** The ids of a query, or null when they are not 1–200 positive integers. */
function parseIds(raw) {
  if (!raw) return null;
  const parts = raw.split(',');
  if (parts.length > MAX_IDS || !parts.every((p) => /^\d+$/.test(p))) return null;
  return parts.map(Number);
}

function send(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://localhost');
  if (url.pathname === '/health') return res.end('ok');
  if (url.pathname !== '/aggregate') return send(res, 404, { error: 'not found' });
  const ids = parseIds(url.searchParams.get('ids'));
  if (!ids) return send(res, 400, { error: `ids must be 1 to ${MAX_IDS} comma-separated positive integers` });
  try {
    const items = await Promise.all(ids.map(fetchItem));
    send(res, 200, { items, total: items.reduce((sum, item) => sum + item.value, 0) });
  } catch (err) {
    send(res, 502, { error: err.message });
  }
});

server.listen(Number(process.env.PORT) || 3000);
