import { useEffect, useMemo, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ReviewMeasurements } from '@assay/shared';

const MiB = 1024 * 1024;
const toMiB = (b: number | null) => (b === null ? null : Math.round((b / MiB) * 10) / 10);
const TRIAL_COLOURS = ['#2457c5', '#7a3fb0', '#0f7d6b', '#b45309'];

/** The chart's series, aligned on one time axis (seconds): what the plot draws and what tests read. */
export function memorySeries(memory: ReviewMeasurements['memory']) {
  const times = [...new Set(memory.trials.flatMap((t) => t.samples.map((s) => s.tMs)))].sort((a, b) => a - b);
  const xs = times.map((t) => t / 1000);
  const trials = memory.trials.map((t) => {
    const at = new Map(t.samples.map((s) => [s.tMs, s.rssBytes]));
    return { label: `trial ${t.index + 1}`, values: times.map((tm) => (at.has(tm) ? toMiB(at.get(tm)!) : null)) };
  });
  const lines = [
    { label: 'limit', value: toMiB(memory.limitBytes), colour: '#b91c1c', dash: [6, 4] },
    { label: 'Node baseline', value: toMiB(memory.baselineBytes), colour: '#6b7280', dash: [2, 3] },
    { label: 'reference peak', value: toMiB(memory.referencePeakBytes), colour: '#15803d', dash: [8, 3] },
  ].filter((l) => l.value !== null);
  return { xs, trials, lines };
}

/** Memory over time of the candidate's scored trials against the limit, the Node baseline and the reference's peak (uPlot). */
export function MemoryChart({ memory, width }: { memory: ReviewMeasurements['memory']; width: number }) {
  const host = useRef<HTMLDivElement>(null);
  const series = useMemo(() => memorySeries(memory), [memory]);
  const summary = JSON.stringify({
    trials: series.trials.map((t) => ({ label: t.label, points: t.values.filter((v) => v !== null).length, maxMiB: Math.max(0, ...t.values.filter((v): v is number => v !== null)) })),
    lines: Object.fromEntries(series.lines.map((l) => [l.label, l.value])),
  });

  useEffect(() => {
    if (!host.current || !series.xs.length) return;
    const data: uPlot.AlignedData = [series.xs, ...series.trials.map((t) => t.values), ...series.lines.map((l) => series.xs.map(() => l.value))];
    const plot = new uPlot(
      {
        width,
        height: 260,
        scales: { x: { time: false }, y: { range: (_u, _min, max) => [0, Math.max(max, (memory.limitBytes ?? 0) / MiB) * 1.08] } },
        axes: [
          { label: 'seconds since the trial started', stroke: '#4b5563' },
          { label: 'MiB', stroke: '#4b5563', size: 56 },
        ],
        series: [
          { label: 'time', value: (_u: uPlot, v: number | null) => (v === null ? '—' : `${v.toFixed(2)} s`) }, // the legend's hover readout
          ...series.trials.map((t, i) => ({ label: t.label, stroke: TRIAL_COLOURS[i % TRIAL_COLOURS.length], width: 2, spanGaps: true, value: (_u: uPlot, v: number | null) => (v === null ? '—' : `${v} MiB`) })),
          ...series.lines.map((l) => ({ label: l.label, stroke: l.colour, dash: l.dash, width: 1.5, points: { show: false }, value: () => `${l.value} MiB` })),
        ],
      },
      data,
      host.current,
    );
    (host.current as HTMLDivElement & { uplot?: uPlot }).uplot = plot;
    return () => plot.destroy();
  }, [series, width, memory.limitBytes]);

  if (!series.xs.length) return <p className="muted">No memory timeline was stored for this run (runs judged before timelines were kept, or the program never started).</p>;
  return (
    <figure className="chart" data-chart="memory" data-series={summary}>
      <div ref={host} role="img" aria-label={`Memory over time: ${series.trials.length} trials, peak ${toMiB(memory.peakBytes)} MiB; limit ${toMiB(memory.limitBytes)} MiB`} />
      <figcaption>
        <abbr title={memory.timelineMethod}>How the timeline was sampled</abbr>
        {memory.peakMethod && (
          <>
            {' · '}
            <abbr title={memory.peakMethod}>Peak {toMiB(memory.peakBytes)} MiB: how it was measured</abbr>
          </>
        )}
      </figcaption>
    </figure>
  );
}
