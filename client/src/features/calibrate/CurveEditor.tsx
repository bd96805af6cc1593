import { useMemo } from 'react';
import type { RubricDimension } from '@assay/shared';
import { Button } from '../../ui';
import { curveOptions } from './charts';
import { addCurvePoint, curveSeries, issueAt, removeCurvePoint, setCurvePoint, xScale, type EditableRubric, type FieldIssues } from './rubric.edit';
import { UPlotChart } from './UPlotChart';

interface Props {
  rubric: EditableRubric;
  index: number;
  issues: FieldIssues;
  onChange: (next: EditableRubric) => void;
}

const num = (v: string) => (v.trim() === '' ? Number.NaN : Number(v));
const shown = (v: number, factor: number) => (Number.isFinite(v) ? String(Math.round((v / factor) * 1e6) / 1e6) : '');

/** A dimension's metric→points curve: its points as a table of inputs, and the curve plotted live beside them. */
export function CurveEditor({ rubric, index, issues, onChange }: Props) {
  const d: RubricDimension = rubric.dimensions[index]!;
  const { factor, label } = xScale(d);
  const base = `dimensions.${index}.curve`;
  const data = useMemo(() => {
    const [x, y] = curveSeries(d.curve);
    return [x.map((v) => v / factor), y.map((v) => v * 100)] as [number[], number[]];
  }, [d.curve, factor]);
  const curveError = issues[base];

  return (
    <div className="curve-editor">
      <div className="curve-points">
        <table className="table table-compact">
          <caption className="sr-only">Curve points of {d.name}</caption>
          <thead>
            <tr><th scope="col">x ({label})</th><th scope="col">% of points</th><th scope="col"><span className="sr-only">Remove</span></th></tr>
          </thead>
          <tbody>
            {d.curve.map(([x, y], p) => {
              const error = issueAt(issues, `${base}.${p}`);
              return (
                <tr key={p} data-invalid={error ? true : undefined}>
                  <td>
                    <input
                      className="input input-num"
                      type="number"
                      step="any"
                      aria-label={`${d.name} point ${p + 1} ${label}`}
                      aria-invalid={error ? true : undefined}
                      aria-describedby={error ? `${base}.${p}-error` : undefined}
                      value={shown(x, factor)}
                      onChange={(e) => onChange(setCurvePoint(rubric, index, p, 0, num(e.target.value) * factor))}
                    />
                    {error && <p className="field-error" id={`${base}.${p}-error`}>{error}</p>}
                  </td>
                  <td>
                    <input
                      className="input input-num"
                      type="number"
                      step="1"
                      min={0}
                      max={100}
                      aria-label={`${d.name} point ${p + 1} % of points`}
                      aria-invalid={error ? true : undefined}
                      value={Number.isFinite(y) ? String(Math.round(y * 1000) / 10) : ''}
                      onChange={(e) => onChange(setCurvePoint(rubric, index, p, 1, num(e.target.value) / 100))}
                    />
                  </td>
                  <td>
                    <Button size="sm" variant="ghost" aria-label={`Remove ${d.name} point ${p + 1}`} disabled={d.curve.length <= 1} onClick={() => onChange(removeCurvePoint(rubric, index, p))}>×</Button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {curveError && <p className="field-error" role="alert">{curveError}</p>}
        <Button size="sm" onClick={() => onChange(addCurvePoint(rubric, index))}>Add a point</Button>
      </div>
      <UPlotChart
        label={`Curve of ${d.name}: ${d.curve.map(([x, y]) => `${shown(x, factor)} ${label} → ${Math.round(y * 100)}%`).join(', ')}`}
        shapeKey={`${d.name}-${label}`}
        options={curveOptions(`${d.metric} (${label})`, 180)}
        data={data}
      />
    </div>
  );
}
