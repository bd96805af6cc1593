'use strict';
/**
 * Run as: node main.js   (listens on process.env.PORT; the item service is at process.env.UPSTREAM_URL)
 *
 * GET /health                 → 200
 * GET /aggregate?ids=1,2,3    → 200 {"items": [{"id": 1, "value": …}, …], "total": …}
 *
 * The item service answers GET /item/:id, but refuses (429) any request beyond
 * 8 at once. See prompt.md.
 */
const http = require('node:http');

const UPSTREAM = process.env.UPSTREAM_URL || 'http://127.0.0.1:4000';

async function fetchItem(id) {
  const res = await fetch(`${UPSTREAM}/item/${id}`);
  if (!res.ok) throw new Error(`upstream answered ${res.status} for item ${id}`);
  return res.json();
}

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://localhost');
  if (url.pathname === '/health') return res.end('ok');
  if (url.pathname === '/aggregate') {
    // TODO: validate ids, fetch every item (at most 8 upstream requests at once, in total), keep the order.
    const ids = (url.searchParams.get('ids') || '').split(',').map(Number);
    const items = [];
    for (const id of ids) items.push(await fetchItem(id));
    const total = items.reduce((sum, item) => sum + item.value, 0);
    res.writeHead(200, { 'content-type': 'application/json' });
    return res.end(JSON.stringify({ items, total }));
  }
  res.writeHead(404).end();
});

server.listen(Number(process.env.PORT) || 3000);
