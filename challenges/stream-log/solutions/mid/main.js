'use strict';
/**
 * Mid-level: streams the file, so it is correct at any size, but in 8 MiB
 * chunks ("bigger reads are faster") that are each turned into one string and
 * split into an array of every line in them. Memory is bounded by the chunk,
 * not the file, yet several chunks' worth of strings are alive at once, well
 * above what a 64 KiB buffer needs; and each line then goes through a regular
 * expression and a route built with split/map/join, so it is also slow.
 */
const fs = require('node:fs');

const LINE = /^(\S+) (\S+) (\S+) (\d{3}) (\d{1,5})$/;
const stats = { total: 0, malformed: 0, byStatus: {}, routes: {}, durations: {} };

function handleLine(line) {
  const m = LINE.exec(line);
  const duration = m ? Number(m[5]) : NaN;
  if (!m || line.includes('  ') || line.includes('\t') || !(duration <= 59999)) {
    stats.malformed++;
    return;
  }
  stats.total++;
  stats.byStatus[m[4]] = (stats.byStatus[m[4]] || 0) + 1;
  const route = m[3]
    .split('/')
    .map((segment) => (/^\d+$/.test(segment) ? ':id' : segment))
    .join('/');
  stats.routes[route] = (stats.routes[route] || 0) + 1;
  stats.durations[duration] = (stats.durations[duration] || 0) + 1;
}

async function main() {
  let carry = '';
  for await (const chunk of fs.createReadStream(process.argv[2], { highWaterMark: 8 << 20, encoding: 'utf8' })) {
    const lines = (carry + chunk).split('\n');
    carry = lines.pop();
    lines.forEach(handleLine);
  }
  if (carry) handleLine(carry);

  const { total, malformed, byStatus } = stats;
  const topRoutes = Object.entries(stats.routes)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, 10)
    .map(([route, count]) => ({ route, count }));
  let p99DurationMs = null;
  let seen = 0;
  const rank = Math.ceil((99 * total) / 100);
  for (const d of Object.keys(stats.durations).map(Number).sort((a, b) => a - b)) {
    seen += stats.durations[d];
    if (seen >= rank) {
      p99DurationMs = d;
      break;
    }
  }
  console.log(JSON.stringify({ total, malformed, byStatus, topRoutes, p99DurationMs }));
}

main();
