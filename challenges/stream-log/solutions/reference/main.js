'use strict';
/**
 * Reference solution. Memory stays flat whatever the file size: one 64 KiB
 * read buffer, a histogram of durations (60 000 slots) instead of a list, and
 * one counter per distinct route.
 *
 * Speed comes from doing as little per line as possible:
 *  - each chunk is decoded once as a latin1 string (small enough to die young),
 *    and fields are found with the built-in String#indexOf;
 *  - a route is never built per line: its hash is computed over the path with
 *    digit segments standing for ":id", and a hit is confirmed by comparing the
 *    path with the stored route in place (exact, no allocation).
 */
const fs = require('node:fs');

const MAX_DURATION = 59999;
const CHUNK = 64 * 1024;
const SLASH = 47;
const ZERO = 48;
const FNV_PRIME = 0x01000193;
const ID_HASH = 0x2f1d3a5b; // what an all-digit segment contributes to a route's hash

let total = 0;
let malformed = 0;
const statusCounts = new Float64Array(1000);
const durations = new Float64Array(MAX_DURATION + 1);
/** route hash → { route, count, next } (next: another route with the same hash). */
const routesByHash = new Map();

const isDigit = (c) => c - ZERO >>> 0 < 10;

/** Hash of the route of path s[start, end), without building it. */
function routeHash(s, start, end) {
  let h = 0x811c9dc5;
  let segment = FNV_PRIME;
  let digitsOnly = true;
  let segStart = start;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === SLASH) {
      h = Math.imul(h ^ (digitsOnly && i > segStart ? ID_HASH : segment), FNV_PRIME);
      segment = FNV_PRIME;
      digitsOnly = true;
      segStart = i + 1;
    } else {
      segment = Math.imul(segment ^ c, FNV_PRIME);
      digitsOnly = digitsOnly && isDigit(c);
    }
  }
  return Math.imul(h ^ (digitsOnly && end > segStart ? ID_HASH : segment), FNV_PRIME);
}

function allDigits(s, start, end) {
  if (start === end) return false;
  for (let i = start; i < end; i++) if (!isDigit(s.charCodeAt(i))) return false;
  return true;
}

/** Is `route` the route of path s[start, end)? Compared in place. */
function isRouteOf(route, s, start, end) {
  let r = 0;
  let segStart = start;
  for (let i = start; i <= end; i++) {
    if (i < end && s.charCodeAt(i) !== SLASH) continue;
    if (allDigits(s, segStart, i)) {
      if (!route.startsWith(':id', r)) return false;
      r += 3;
    } else {
      for (let j = segStart; j < i; j++, r++) if (route.charCodeAt(r) !== s.charCodeAt(j)) return false;
    }
    if (i < end) {
      if (route.charCodeAt(r) !== SLASH) return false;
      r++;
    }
    segStart = i + 1;
  }
  return r === route.length;
}

/** The route, built the plain way (only for a route seen for the first time). */
function routeOf(path) {
  return path
    .split('/')
    .map((segment) => (/^\d+$/.test(segment) ? ':id' : segment))
    .join('/');
}

function countRoute(s, start, end) {
  const hash = routeHash(s, start, end);
  const first = routesByHash.get(hash);
  for (let entry = first; entry !== undefined; entry = entry.next) {
    if (isRouteOf(entry.route, s, start, end)) {
      entry.count++;
      return;
    }
  }
  // A flat copy of the text: a slice of the chunk would keep the whole chunk alive.
  const route = Buffer.from(routeOf(s.slice(start, end)), 'latin1').toString('latin1');
  routesByHash.set(hash, { route, count: 1, next: first });
}

/** One line, s[start, end) without its "\n". */
function parseLine(s, start, end) {
  // Exactly 4 single spaces; the status between the 3rd and 4th is 3 characters.
  const s1 = s.indexOf(' ', start);
  const s2 = s1 === -1 || s1 >= end ? -1 : s.indexOf(' ', s1 + 1);
  const s3 = s2 === -1 || s2 >= end ? -1 : s.indexOf(' ', s2 + 1);
  const s4 = s3 + 4;
  if (s3 === -1 || s4 >= end - 1 || s.charCodeAt(s4) !== 32 || end - s4 > 6) {
    malformed++;
    return;
  }
  const a = s.charCodeAt(s3 + 1) - ZERO;
  const b = s.charCodeAt(s3 + 2) - ZERO;
  const c = s.charCodeAt(s3 + 3) - ZERO;
  if (a >>> 0 > 9 || b >>> 0 > 9 || c >>> 0 > 9) {
    malformed++;
    return;
  }
  let duration = 0;
  for (let i = s4 + 1; i < end; i++) {
    const d = s.charCodeAt(i) - ZERO;
    if (d >>> 0 > 9) {
      malformed++; // not a digit: a sign, a dot, a 6th field…
      return;
    }
    duration = duration * 10 + d;
  }
  if (duration > MAX_DURATION) {
    malformed++;
    return;
  }
  total++;
  statusCounts[a * 100 + b * 10 + c]++;
  durations[duration]++;
  countRoute(s, s2 + 1, s3);
}

function scan(file) {
  const fd = fs.openSync(file, 'r');
  let buf = Buffer.allocUnsafe(CHUNK);
  let carry = 0; // bytes of an unfinished line, kept at the start of buf
  let read;
  while ((read = fs.readSync(fd, buf, carry, buf.length - carry, null)) > 0) {
    const s = buf.latin1Slice(0, carry + read);
    let start = 0;
    let nl;
    while ((nl = s.indexOf('\n', start)) !== -1) {
      parseLine(s, start, nl);
      start = nl + 1;
    }
    carry = s.length - start;
    buf.copy(buf, 0, start, s.length);
    if (carry === buf.length) {
      // One line longer than the buffer: grow it (memory follows the longest line, not the file).
      const bigger = Buffer.allocUnsafe(buf.length * 2);
      buf.copy(bigger, 0, 0, carry);
      buf = bigger;
    }
  }
  if (carry > 0) parseLine(buf.latin1Slice(0, carry), 0, carry); // a last line without "\n"
  fs.closeSync(fd);
}

/** Nearest rank: the ⌈0.99·total⌉-th smallest duration, in integer arithmetic. */
function p99() {
  if (total === 0) return null;
  const rank = Math.floor((99 * total + 99) / 100);
  let seen = 0;
  for (let d = 0; d <= MAX_DURATION; d++) {
    seen += durations[d];
    if (seen >= rank) return d;
  }
  return MAX_DURATION;
}

function main() {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('usage: node main.js <access.log>\n');
    process.exit(2);
  }
  scan(file);
  const byStatus = {};
  for (let code = 0; code < 1000; code++) if (statusCounts[code]) byStatus[String(code).padStart(3, '0')] = statusCounts[code];
  const counts = [];
  for (const first of routesByHash.values()) for (let e = first; e; e = e.next) counts.push(e);
  const topRoutes = counts
    .sort((x, y) => y.count - x.count || (x.route < y.route ? -1 : x.route > y.route ? 1 : 0))
    .slice(0, 10)
    .map(({ route, count }) => ({ route, count }));
  process.stdout.write(`${JSON.stringify({ total, malformed, byStatus, topRoutes, p99DurationMs: p99() })}\n`);
}

main();
