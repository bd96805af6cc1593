'use strict';
/**
 * Mid-level: streams the file line by line with readline and never lets the
 * response buffer grow (it waits for every write to be flushed before the
 * next), so memory stays flat with a slow client. But every CSV row is its
 * own res.write() and its own await: one chunk of chunked encoding and one
 * trip through the event loop per row, so the export is several times slower
 * than piping whole chunks through a Transform that honours backpressure.
 */
const fs = require('node:fs');
const http = require('node:http');
const readline = require('node:readline');

const EVENTS_FILE = process.env.EVENTS_FILE || 'events.ndjson';

async function exportCsv(res) {
  res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8' });
  res.write('id,user,amountCents,ts\n');
  const lines = readline.createInterface({ input: fs.createReadStream(EVENTS_FILE), crlfDelay: Infinity });
  res.on('close', () => lines.close());
  for await (const line of lines) {
    if (!line.trim()) continue;
    const { id, user, amountCents, ts } = JSON.parse(line);
    await new Promise((resolve, reject) => res.write(`${id},${user},${amountCents},${ts}\n`, (err) => (err ? reject(err) : resolve())));
    if (res.destroyed) return;
  }
  res.end();
}

const server = http.createServer((req, res) => {
  if (req.url === '/health') return res.end('ok');
  if (req.url !== '/export.csv') return res.writeHead(404).end();
  exportCsv(res).catch((err) => {
    console.error(`export failed: ${err.message}`);
    res.destroy();
  });
});

server.listen(Number(process.env.PORT) || 3000);
