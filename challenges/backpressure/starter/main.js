'use strict';
/**
 * Run as: node main.js   (listens on process.env.PORT; the events are in process.env.EVENTS_FILE)
 *
 * GET /health      → 200
 * GET /export.csv  → 200 text/csv: "id,user,amountCents,ts" then one line per event, in file order
 *
 * EVENTS_FILE is NDJSON, one event per line: {"id": 1, "user": "u_42", "amountCents": 1250, "ts": "2026-…", …}.
 * It is larger than the memory you have, and clients may read slowly. See prompt.md.
 */
const http = require('node:http');

const EVENTS_FILE = process.env.EVENTS_FILE || 'events.ndjson';

const server = http.createServer((req, res) => {
  if (req.url === '/health') return res.end('ok');
  if (req.url === '/export.csv') {
    // TODO: stream EVENTS_FILE as CSV.
    res.writeHead(501, { 'content-type': 'text/plain' });
    return res.end(`not implemented (would export ${EVENTS_FILE})`);
  }
  res.writeHead(404).end();
});

server.listen(Number(process.env.PORT) || 3000);
