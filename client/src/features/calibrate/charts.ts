import type { AlignedData, Options } from 'uplot';
import uPlot from 'uplot';
import type { Anchor, RescorePreview } from '@assay/shared';

/** Colours that stay apart for the common colour-vision deficiencies (Okabe–Ito). */
export const BEFORE_COLOR = '#0072b2';
export const AFTER_COLOR = '#e69f00';
const ANCHOR_COLOR: Record<Anchor['kind'], string> = { reference: '#009e73', naive: '#cc79a7' };

/** The page's text colour (light or dark theme), for axes drawn on canvas. */
const ink = () => (typeof document === 'undefined' ? '#333' : getComputedStyle(document.body).color || '#333');
const grid = () => ({ stroke: 'rgba(128,128,128,0.25)', width: 1 });

/** The histogram's data: bin centres, counts before, counts after. */
export function distributionData(preview: Pick<RescorePreview, 'histogram'>): AlignedData {
  return [preview.histogram.map((b) => (b.from + b.to) / 2), preview.histogram.map((b) => b.before), preview.histogram.map((b) => b.after)];
}

/** Overlaid before/after histograms of totals, with each anchor's before (dashed) and after (solid) line. */
export function distributionOptions(anchors: Anchor[], height: number): Omit<Options, 'width'> {
  const bars = uPlot.paths.bars!({ size: [0.9, 60], align: 0 });
  return {
    height,
    scales: { x: { time: false, range: [0, 100] }, y: { range: (_u, _min, max) => [0, Math.max(1, Math.ceil(max * 1.15))] } },
    axes: [
      { label: 'total (points)', stroke: ink(), grid: grid() },
      { label: 'submissions', stroke: ink(), grid: grid(), incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000] },
    ],
    legend: { show: false }, // the page draws its own key, with the means
    cursor: { points: { show: false } },
    series: [
      { label: 'total' },
      { label: 'in force', stroke: BEFORE_COLOR, fill: `${BEFORE_COLOR}55`, paths: bars, points: { show: false } },
      { label: 'draft', stroke: AFTER_COLOR, fill: `${AFTER_COLOR}66`, paths: bars, points: { show: false } },
    ],
    hooks: {
      draw: [
        (u) => {
          const ctx = u.ctx;
          ctx.save();
          for (const a of anchors) {
            for (const [point, dashed] of [[a.before, true], [a.after, false]] as const) {
              const x = u.valToPos(point.total, 'x', true);
              ctx.beginPath();
              ctx.setLineDash(dashed ? [6, 4] : []);
              ctx.strokeStyle = ANCHOR_COLOR[a.kind];
              ctx.lineWidth = 2 * devicePixelRatio;
              ctx.moveTo(x, u.bbox.top);
              ctx.lineTo(x, u.bbox.top + u.bbox.height);
              ctx.stroke();
              if (!dashed) {
                ctx.fillStyle = ANCHOR_COLOR[a.kind];
                ctx.font = `${12 * devicePixelRatio}px system-ui, sans-serif`;
                ctx.fillText(a.name, x + 4 * devicePixelRatio, u.bbox.top + 14 * devicePixelRatio);
              }
            }
          }
          ctx.restore();
        },
      ],
    },
  };
}

export const anchorColor = (kind: Anchor['kind']) => ANCHOR_COLOR[kind];

/** A metric→points curve: the line and its points, y as % of the dimension's points. */
export function curveOptions(xLabel: string, height: number): Omit<Options, 'width'> {
  return {
    height,
    scales: { x: { time: false }, y: { range: [0, 105] } },
    axes: [{ label: xLabel, stroke: ink(), grid: grid() }, { label: '% of points', stroke: ink(), grid: grid() }],
    legend: { show: false },
    cursor: { show: false },
    series: [{}, { stroke: BEFORE_COLOR, width: 2, points: { show: true, size: 8, fill: '#fff', stroke: BEFORE_COLOR } }],
  };
}
