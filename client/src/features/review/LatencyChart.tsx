import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { LatencyPercentiles, ReviewMeasurements } from '@assay/shared';

const ROWS: [keyof LatencyPercentiles, string][] = [['p50Ms', 'p50'], ['p90Ms', 'p90'], ['p99Ms', 'p99'], ['p999Ms', 'p99.9'], ['maxMs', 'max']];
const fmt = (v: number | null) => (v === null ? '—' : v >= 100 ? `${Math.round(v)} ms` : `${v.toFixed(v >= 10 ? 1 : 2)} ms`);

/** Latency percentiles of the candidate beside the reference measured in the same run: a bar chart (uPlot) and the table it draws. */
export function LatencyChart({ latency, width }: { latency: NonNullable<ReviewMeasurements['latency']>; width: number }) {
  const host = useRef<HTMLDivElement>(null);
  const candidate = ROWS.map(([k]) => latency.candidate[k]);
  const reference = ROWS.map(([k]) => latency.reference?.[k] ?? null);

  useEffect(() => {
    if (!host.current) return;
    // Candidate bars left of each percentile, the reference's right of it.
    const left = uPlot.paths.bars!({ size: [0.3, 48], gap: 2, align: -1 });
    const right = uPlot.paths.bars!({ size: [0.3, 48], gap: 2, align: 1 });
    const plot = new uPlot(
      {
        width,
        height: 220,
        scales: { x: { time: false, range: [-0.6, ROWS.length - 0.4] }, y: { distr: 3, log: 10 } },
        axes: [
          { values: (_u, ticks) => ticks.map((t) => ROWS[Math.round(t)]?.[1] ?? ''), splits: () => ROWS.map((_, i) => i), stroke: '#4b5563' },
          { label: 'ms (log scale)', stroke: '#4b5563', size: 56 },
        ],
        series: [
          { label: 'percentile', value: (_u, v) => ROWS[Math.round(v)]?.[1] ?? '' },
          { label: 'candidate', stroke: '#2457c5', fill: 'rgba(36,87,197,0.55)', paths: left, points: { show: false }, value: (_u, v) => fmt(v) },
          { label: 'reference (same run)', stroke: '#15803d', fill: 'rgba(21,128,61,0.45)', paths: right, points: { show: false }, value: (_u, v) => fmt(v) },
        ],
      },
      [ROWS.map((_, i) => i), candidate.map((v) => (v === null ? null : Math.max(v, 0.01))), reference.map((v) => (v === null ? null : Math.max(v, 0.01)))],
      host.current,
    );
    return () => plot.destroy();
  }, [width, latency]);

  return (
    <figure className="chart" data-chart="latency" data-series={JSON.stringify({ labels: ROWS.map((r) => r[1]), candidate, reference })}>
      <div ref={host} role="img" aria-label={`Latency percentiles, candidate p99 ${fmt(latency.candidate.p99Ms)}, reference p99 ${fmt(latency.reference?.p99Ms ?? null)}`} />
      <table className="table compact">
        <caption className="sr-only">Latency percentiles</caption>
        <thead>
          <tr>
            <th scope="col">percentile</th>
            <th scope="col">candidate</th>
            <th scope="col">reference</th>
            <th scope="col">ratio</th>
          </tr>
        </thead>
        <tbody>
          {ROWS.map(([key, label], i) => {
            const c = candidate[i] ?? null;
            const r = reference[i] ?? null;
            return (
              <tr key={key}>
                <th scope="row">{label}</th>
                <td title={latency.method}>{fmt(c)}</td>
                <td title={`${latency.method} (reference solution, interleaved with the candidate in the same run)`}>{fmt(r)}</td>
                <td>{c !== null && r ? `${(c / r).toFixed(2)}×` : '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <figcaption>
        <abbr title={latency.method}>How latency was measured</abbr>
        {latency.targetRps !== null && ` · open-loop load at ${latency.targetRps} req/s`}
        {latency.errors ? ` · ${latency.errors} failed requests` : ''}
      </figcaption>
    </figure>
  );
}
