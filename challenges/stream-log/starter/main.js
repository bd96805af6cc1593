'use strict';
/**
 * Run as: node main.js <path-to-access.log>
 *
 * Print ONE JSON object on stdout (see prompt.md for the exact rules):
 *   {"total": n, "malformed": n, "byStatus": {"200": n, …},
 *    "topRoutes": [{"route": r, "count": n}, …], "p99DurationMs": d}
 *
 * The file used for scoring is 10 GiB and the memory limit is 128 MiB.
 */
const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: node main.js <access.log>\n');
  process.exit(2);
}

// TODO: read `file` and compute the report.
const report = { total: 0, malformed: 0, byStatus: {}, topRoutes: [], p99DurationMs: null };

process.stdout.write(`${JSON.stringify(report)}\n`);
