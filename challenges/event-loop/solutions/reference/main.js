'use strict';
/**
 * Reference solution: the HTTP server only parses, validates and answers;
 * SHA-256 rounds run in a pool of worker threads (one per CPU we may use), so
 * the event loop stays free and /health answers at once, whatever the load.
 */
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const { WorkerPool } = require('./pool');

const MAX_BODY_BYTES = 1 << 20;
const pool = new WorkerPool(path.join(__dirname, 'hash.worker.js'), Math.max(1, os.availableParallelism()));

/** The job of a valid body, or null. */
function parseJob(text) {
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    return null;
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return null;
  const { data, rounds } = body;
  if (typeof data !== 'string' || !Number.isInteger(rounds) || rounds < 1 || rounds > 1_000_000) return null;
  return { data, rounds };
}

function send(res, status, body) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json' });
  res.end(text);
}

function readBody(req, limit) {
  return new Promise((resolve) => {
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size <= limit) chunks.push(c);
    });
    req.on('end', () => resolve(size <= limit ? Buffer.concat(chunks).toString('utf8') : null));
    req.on('error', () => resolve(null));
  });
}

const server = http.createServer(async (req, res) => {
  if (req.method === 'GET' && req.url === '/health') return send(res, 200, 'ok');
  if (req.method === 'POST' && req.url === '/hash') {
    const text = await readBody(req, MAX_BODY_BYTES);
    const job = text === null ? null : parseJob(text);
    if (!job) return send(res, 400, { error: 'expected {"data": string, "rounds": integer 1-1000000}' });
    try {
      send(res, 200, { digest: await pool.run(job.data, job.rounds) });
    } catch {
      send(res, 500, { error: 'hashing failed' });
    }
    return;
  }
  send(res, 404, { error: 'not found' });
});

server.listen(Number(process.env.PORT) || 3000);
