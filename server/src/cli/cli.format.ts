import type { JudgeReport } from '@assay/shared';

const MiB = 1024 * 1024;
const mib = (bytes: number) => `${(bytes / MiB).toFixed(1)} MiB`;
const secs = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${(ms / 1000).toFixed(2)} s`);
const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));

/** The report as a reviewer reads it in a terminal. */
export function formatReport(report: JudgeReport, description: string): string {
  const out: string[] = [];
  out.push(`${report.challenge} (${report.scale}: ${description})`);
  out.push(`verdict   ${report.verdict}`);
  if (report.score) {
    out.push(`score     ${report.score.total}/100  (${report.score.level}; rubric ${report.score.rubricVersion})`);
    out.push('');
    const width = Math.max(...report.score.dimensions.map((d) => d.name.length)) + 2;
    for (const d of report.score.dimensions) out.push(`  ${pad(d.name, width)}${pad(`${d.points}/${d.max}`, 10)}${d.detail}`);
  }
  if (report.message) {
    out.push('');
    out.push(report.verdict === 'INTERNAL_ERROR' ? 'platform error (not the solution’s fault):' : 'why:');
    out.push(...report.message.split('\n').map((l) => `  ${l}`));
  }
  const m = report.measurements;
  if (m) {
    const n = report.trials.filter((t) => t.role === 'candidate').length;
    out.push('');
    out.push(`measurements (median of ${n} candidate trial${n === 1 ? '' : 's'})`);
    out.push(`  peak RSS   ${mib(m.peakRssBytes)} (${mib(Math.max(0, m.peakRssBytes - m.baselineRssBytes))} over the ${mib(m.baselineRssBytes)} Node baseline)`);
    out.push(`             ${m.memoryMethod}`);
    out.push(`  wall time  ${secs(m.wallMs)}    CPU time  ${secs(m.cpuMs)}`);
    if (m.latency) {
      const l = m.latency;
      out.push(`  latency    p50 ${l.p50Ms.toFixed(2)} ms, p99 ${l.p99Ms.toFixed(2)} ms, max ${l.maxMs.toFixed(1)} ms; ${l.count} requests at ${l.targetRps}/s, ${l.errors} errors`);
      out.push(`             ${l.method}`);
    }
  }
  if (report.tests.length) {
    out.push('');
    out.push(`visible tests: ${report.tests.filter((t) => t.passed).length}/${report.tests.length} passed`);
    for (const t of report.tests) {
      out.push(`  ${t.skipped ? '-' : t.passed ? '✓' : '✗'} ${t.name}`);
      if (!t.passed && t.message) out.push(...t.message.split('\n').slice(0, 6).map((l) => `      ${l}`));
    }
  }
  const failing = report.checks.filter((c) => !c.passed);
  if (report.checks.length) {
    out.push('');
    out.push(`hidden checks: ${report.checks.length - failing.length}/${report.checks.length} passed`);
    for (const c of failing) out.push(`  ✗ ${c.name}${c.detail ? `: ${c.detail}` : ''}`);
  }
  if (report.trials.length) {
    out.push('');
    out.push('trials (in the order they ran)');
    for (const t of report.trials) {
      out.push(`  ${pad(`${t.role} #${t.index + 1}`, 14)}${pad(t.verdict, 15)}${pad(secs(t.wallMs), 9)}${mib(t.peakRssBytes)}`);
    }
  }
  return out.join('\n');
}
