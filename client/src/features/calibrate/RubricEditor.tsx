import { LEVELS, METRIC_UNITS, type ThresholdBasis } from '@assay/shared';
import { Field, Select, TextInput } from '../../ui';
import { CurveEditor } from './CurveEditor';
import { issueAt, setDimensionField, setLevelMin, weightTotal, type EditableRubric, type FieldIssues } from './rubric.edit';

interface Props {
  rubric: EditableRubric;
  issues: FieldIssues;
  metrics: string[];
  onChange: (next: EditableRubric) => void;
}

const num = (v: string) => (v.trim() === '' ? Number.NaN : Number(v));
const text = (v: number) => (Number.isFinite(v) ? String(v) : '');

/** Weights, each dimension's metric, basis and curve, and the level bands; every field shows its own error. */
export function RubricEditor({ rubric, issues, metrics, onChange }: Props) {
  const total = weightTotal(rubric);
  const weightsError = issues['dimensions'];
  return (
    <div className="rubric-editor">
      <section aria-labelledby="weights-heading" className="card">
        <h2 id="weights-heading" className="card-title">Weights</h2>
        <p className={weightsError ? 'weights-total field-error' : 'weights-total'} role={weightsError ? 'alert' : undefined} data-testid="weights-total">
          {weightsError ?? `The weights add up to ${total}.`}
        </p>
        <div className="weights-grid">
          {rubric.dimensions.map((d, i) => (
            <Field key={d.name} label={`${d.name} weight`} error={issueAt(issues, `dimensions.${i}.weight`) ?? null}>
              <TextInput inputMode="decimal" value={text(d.weight)} onChange={(e) => onChange(setDimensionField(rubric, i, 'weight', num(e.target.value)))} />
            </Field>
          ))}
        </div>
      </section>

      {rubric.dimensions.map((d, i) => (
        <section key={d.name} aria-labelledby={`dim-${d.name}`} className="card dimension-card">
          <h2 id={`dim-${d.name}`} className="card-title">
            {d.name} <span className="muted">· {text(d.weight)} points{d.gatedBy ? ` · gated by ${d.gatedBy}` : ''}</span>
          </h2>
          <div className="dimension-fields">
            <Field label="Metric" error={issueAt(issues, `dimensions.${i}.metric`) ?? null}>
              <Select value={d.metric} onChange={(e) => onChange(setDimensionField(rubric, i, 'metric', e.target.value))}>
                {[...new Set([d.metric, ...metrics])].map((m) => <option key={m} value={m}>{m}</option>)}
              </Select>
            </Field>
            <Field label="Basis" hint={d.basis === 'relative' ? 'x is candidate ÷ reference, per trial pair' : 'x is the measured value'} error={issueAt(issues, `dimensions.${i}.basis`) ?? null}>
              <Select value={d.basis} onChange={(e) => onChange(setDimensionField(rubric, i, 'basis', e.target.value as ThresholdBasis))}>
                <option value="absolute">absolute</option>
                <option value="relative">relative to the reference</option>
              </Select>
            </Field>
            <Field label="Unit" error={issueAt(issues, `dimensions.${i}.unit`) ?? null}>
              <Select value={d.unit} onChange={(e) => onChange(setDimensionField(rubric, i, 'unit', e.target.value as (typeof METRIC_UNITS)[number]))}>
                {METRIC_UNITS.map((u) => <option key={u} value={u}>{u}</option>)}
              </Select>
            </Field>
          </div>
          <CurveEditor rubric={rubric} index={i} issues={issues} onChange={onChange} />
        </section>
      ))}

      <section aria-labelledby="levels-heading" className="card">
        <h2 id="levels-heading" className="card-title">Level bands</h2>
        <p className="muted">A candidate gets the highest band whose minimum total they reach; one band starts at 0.</p>
        {issues['levels'] && <p className="field-error" role="alert">{issues['levels']}</p>}
        <div className="weights-grid">
          {rubric.levels.map((l, i) => (
            <Field key={`${l.level}-${i}`} label={`${l.level} from`} error={issueAt(issues, `levels.${i}`) ?? null}>
              <TextInput inputMode="decimal" value={text(l.minTotal)} onChange={(e) => onChange(setLevelMin(rubric, i, num(e.target.value)))} />
            </Field>
          ))}
        </div>
        {rubric.levels.length < LEVELS.length && <p className="muted">This rubric uses {rubric.levels.length} of the {LEVELS.length} levels.</p>}
      </section>
    </div>
  );
}
