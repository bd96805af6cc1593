import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { MemorySample } from '@assay/shared';

export interface MemoryChartProps {
  /** Samples of the candidate's trials in arrival order. */
  samples: MemorySample[];
  /** The run's memory limit, drawn as a line. */
  limitMiB: number | null;
}

const MiB = 1024 * 1024;

/** Peak-memory curve as samples arrive (uPlot), against the limit. */
export function MemoryChart({ samples, limitMiB }: MemoryChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);

  const data = (): uPlot.AlignedData => {
    const xs = samples.map((s) => s.tMs / 1000);
    const ys = samples.map((s) => s.rssBytes / MiB);
    return [xs, ys, xs.map(() => limitMiB)];
  };

  useEffect(() => {
    const el = host.current!;
    const styles = getComputedStyle(el);
    const color = (name: string) => styles.getPropertyValue(name).trim() || '#888';
    const p = new uPlot(
      {
        width: Math.max(280, el.clientWidth),
        height: 160,
        legend: { show: false },
        scales: { x: { time: false }, y: { range: (_u, _min, max) => [0, Math.max(max, limitMiB ?? 0) * 1.1 || 1] } },
        axes: [
          { label: 'seconds', stroke: color('--muted'), grid: { stroke: color('--border') } },
          { label: 'MiB', stroke: color('--muted'), grid: { stroke: color('--border') } },
        ],
        series: [{}, { label: 'Memory (RSS)', stroke: color('--primary'), width: 2, points: { show: false } }, { label: 'Limit', stroke: color('--danger'), dash: [6, 4], width: 1.5, points: { show: false } }],
      },
      data(),
      el,
    );
    plot.current = p;
    const resize = new ResizeObserver(() => p.setSize({ width: Math.max(280, el.clientWidth), height: 160 }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      p.destroy();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [limitMiB]);

  useEffect(() => {
    plot.current?.setData(data());
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [samples]);

  const peak = samples.reduce((m, s) => Math.max(m, s.rssBytes), 0);
  return (
    <figure className="memory-chart" data-samples={samples.length} data-peak-bytes={peak}>
      <div ref={host} role="img" aria-label={`Memory over time: peak ${(peak / MiB).toFixed(1)} MiB${limitMiB ? ` of a ${limitMiB} MiB limit` : ''}`} />
      <figcaption className="muted">Peak {(peak / MiB).toFixed(1)} MiB{limitMiB ? ` · limit ${limitMiB} MiB (dashed)` : ''}</figcaption>
    </figure>
  );
}
