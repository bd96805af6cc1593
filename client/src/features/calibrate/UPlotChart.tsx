import { useEffect, useRef } from 'react';
import uPlot, { type AlignedData, type Options } from 'uplot';
import 'uplot/dist/uPlot.min.css';

interface Props {
  /** Options without width (the chart takes its container's width). */
  options: Omit<Options, 'width'>;
  data: AlignedData;
  /** Names the chart for assistive technology (the canvas itself says nothing). */
  label: string;
  /** Changing it rebuilds the chart (series added or removed); data changes only redraw. */
  shapeKey: string;
  /** Names the chart in the DOM (`data-chart`), so a test can tell one chart from another. */
  name?: string;
}

/**
 * A uPlot chart sized to its container. The canvas is decorative for
 * screen readers (role="img" with a label); every chart here has a table
 * of the same numbers beside it.
 */
export function UPlotChart({ options, data, label, shapeKey, name }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const latest = useRef(data);
  latest.current = data;

  useEffect(() => {
    const el = box.current!;
    // Each draw stamps the data uPlot drew onto the element (`data-drawn`): what a browser test checks, as canvas pixels cannot be read back.
    const stamp = (u: uPlot) => (el.dataset.drawn = JSON.stringify(u.data));
    const hooks = { ...options.hooks, draw: [...(options.hooks?.draw ?? []), stamp] };
    const chart = new uPlot({ ...options, hooks, width: Math.max(200, el.clientWidth) }, latest.current, el);
    plot.current = chart;
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(200, el.clientWidth), height: options.height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.destroy();
      plot.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shapeKey]);

  useEffect(() => {
    plot.current?.setData(data);
  }, [data]);

  return <div ref={box} className="calibrate-chart" data-chart={name} role="img" aria-label={label} />;
}
