import { useMemo } from 'react';
import type { RescorePreview } from '@assay/shared';
import { Badge, Card, Table } from '../../ui';
import { AFTER_COLOR, anchorColor, BEFORE_COLOR, distributionData, distributionOptions } from './charts';
import { UPlotChart } from './UPlotChart';

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));
const tone = (n: number): 'success' | 'danger' | 'neutral' => (n > 0 ? 'success' : n < 0 ? 'danger' : 'neutral');

/** What the draft would do: overlaid histograms with anchors, the mean shift per dimension, the band changes. */
export function PreviewPanel({ preview }: { preview: RescorePreview }) {
  const data = useMemo(() => distributionData(preview), [preview]);
  const options = useMemo(() => distributionOptions(preview.anchors, 260), [preview.anchors]);
  const nonEmpty = preview.histogram.filter((b) => b.before || b.after);

  if (!preview.submissions) {
    return (
      <Card title="Nothing to re-score yet">
        <p>No final submission of this challenge has been scored, so there is no distribution to compare. The draft can still be published; it applies to new submissions.</p>
      </Card>
    );
  }
  return (
    <div className="preview">
      <Card title={`Distribution of ${preview.submissions} scored submission${preview.submissions === 1 ? '' : 's'}`}>
        <p className="legend-line">
          <span className="swatch" style={{ background: BEFORE_COLOR }} aria-hidden /> {preview.currentVersion} (in force), mean {preview.meanBefore ?? '–'}
          <span className="swatch" style={{ background: AFTER_COLOR }} aria-hidden /> draft {preview.draftVersion}, mean {preview.meanAfter ?? '–'}
          {preview.anchors.map((a) => (
            <span key={a.name} className="anchor-key"><span className="swatch swatch-line" style={{ background: anchorColor(a.kind) }} aria-hidden /> {a.name}: {a.before.total} → {a.after.total}</span>
          ))}
        </p>
        <UPlotChart
          label={`Histogram of totals: in force mean ${preview.meanBefore}, draft mean ${preview.meanAfter}. The same numbers are in the table below.`}
          shapeKey={`dist-${preview.anchors.map((a) => a.name).join(',')}`}
          name="distribution"
          options={options}
          data={data}
        />
        {preview.anchorNotes.length > 0 && <ul className="notes">{preview.anchorNotes.map((n) => <li key={n}>{n}</li>)}</ul>}
        <details className="chart-data">
          <summary>The chart's numbers</summary>
          <Table
            caption="Submissions per band of 5 points"
            rows={nonEmpty}
            rowKey={(b) => String(b.from)}
            columns={[
              { header: 'total', cell: (b) => `${b.from}–${b.to}` },
              { header: 'in force', cell: (b) => b.before, numeric: true },
              { header: 'draft', cell: (b) => b.after, numeric: true },
            ]}
          />
          <Table
            caption="Anchors (median total of known solutions)"
            rows={preview.anchors}
            rowKey={(a) => a.name}
            empty="No anchors."
            columns={[
              { header: 'solution', cell: (a) => a.name },
              { header: 'in force', cell: (a) => `${a.before.total} (${a.before.level})`, numeric: true },
              { header: 'draft', cell: (a) => `${a.after.total} (${a.after.level})`, numeric: true },
              { header: 'from', cell: (a) => a.source },
            ]}
          />
        </details>
      </Card>

      <Card title="Mean shift per dimension">
        <Table
          caption="Mean points per dimension, in force and under the draft"
          hideCaption
          rows={preview.dimensions}
          rowKey={(d) => d.name}
          columns={[
            { header: 'dimension', cell: (d) => d.name },
            { header: 'in force', cell: (d) => `${d.meanBefore} / ${d.maxBefore ?? '–'}`, numeric: true },
            { header: 'draft', cell: (d) => `${d.meanAfter} / ${d.maxAfter ?? '–'}`, numeric: true },
            { header: 'shift', cell: (d) => <Badge tone={tone(d.shift)}>{signed(d.shift)}</Badge>, numeric: true },
          ]}
        />
      </Card>

      <Card title={`Level band changes (${preview.bandChanges.length})`}>
        <Table
          caption="Candidates whose level band changes under the draft, largest change first"
          hideCaption
          rows={preview.bandChanges}
          rowKey={(c) => c.submissionId}
          empty="No candidate changes band under this draft."
          columns={[
            { header: 'candidate', cell: (c) => c.candidate },
            { header: 'in force', cell: (c) => `${c.before.total} · ${c.before.level}`, numeric: true },
            { header: 'draft', cell: (c) => `${c.after.total} · ${c.after.level}`, numeric: true },
            { header: 'change', cell: (c) => <Badge tone={tone(c.after.total - c.before.total)}>{c.before.level} → {c.after.level}</Badge> },
          ]}
        />
      </Card>
    </div>
  );
}
