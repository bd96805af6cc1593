import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import type { Alpha } from '@assay/shared';
import { ApiErrorView, Badge, Card, Loading, Page, Table } from '../../ui';
import { calibrationKeys, exportCsvUrl, fetchAgreement } from '../../api/calibration';
import { AnonymizedToggle } from '../review/AnonymizedToggle';
import { useCalibrationAnonymity } from './anonymity';
import './calibrate.css';

/** Krippendorff's usual reading: ≥ 0.8 reliable, ≥ 0.667 tentative, below that not to be relied on. */
function reading(a: Alpha): { tone: 'success' | 'warning' | 'danger' | 'neutral'; text: string } {
  if (tooFew(a)) return { tone: 'neutral', text: 'too few values' };
  if (a.alpha === null || a.note) return { tone: 'neutral', text: 'undefined' };
  if (a.alpha >= 0.8) return { tone: 'success', text: 'reliable' };
  if (a.alpha >= 0.667) return { tone: 'warning', text: 'tentative' };
  return { tone: 'danger', text: 'unreliable' };
}

const tooFew = (a: Alpha) => a.note?.startsWith('Too few') ?? false;

function AlphaCard({ title, alpha, extra }: { title: string; alpha: Alpha; extra?: string }) {
  const r = reading(alpha);
  return (
    <Card title={title}>
      <p><span className="alpha-value">{alpha.alpha === null ? '–' : alpha.alpha.toFixed(3)}</span> <Badge tone={r.tone}>{r.text}</Badge></p>
      <p className="muted">α {alpha.level} · {alpha.units} candidate{alpha.units === 1 ? '' : 's'} rated by 2+ · {alpha.pairableValues} values{extra ? ` · ${extra}` : ''}</p>
      {alpha.note && !tooFew(alpha) && <p className="muted">{alpha.note}</p>}
    </Card>
  );
}

/** Reviewer agreement of one assessment, with the largest disagreements first. */
export default function AgreementPage() {
  const { id = '' } = useParams();
  // The server names candidates or not by the viewer's stored preference (the global toggle); never before it is known.
  const anonymity = useCalibrationAnonymity();
  const q = useQuery({ queryKey: calibrationKeys.agreement(id, anonymity.anonymized), queryFn: ({ signal }) => fetchAgreement(id, signal), enabled: anonymity.known });
  const data = q.data && anonymity.fits(q.data) ? q.data : undefined;
  // Ratings in the rubric's order of dimensions, not the order they were stored in.
  const order = (ratings: Record<string, number>) => {
    const names = data?.dimensions.map((d) => d.name) ?? [];
    return Object.entries(ratings).sort((a, b) => (names.indexOf(a[0]) + 1 || 99) - (names.indexOf(b[0]) + 1 || 99));
  };
  const actions = (
    <span className="row-actions">
      <AnonymizedToggle />
      <Link to="/calibrate">Calibration</Link>
      <a className="btn btn-secondary btn-md" href={exportCsvUrl(id)} download>Export CSV</a>
    </span>
  );
  return (
    <Page title="Reviewer agreement" actions={actions}>
      {q.isError ? <ApiErrorView error={q.error} onRetry={() => void q.refetch()} /> : !data ? <Loading label="Computing agreement…" /> : data.raters.length < 2 ? (
        <Card title="Not enough reviewers yet">
          <p>Agreement needs two or more reviewers rating the same candidates. {data.raters.length === 1 ? `So far only ${data.raters[0]!.name} has reviewed.` : 'Nobody has reviewed yet.'}</p>
        </Card>
      ) : (
        <>
          <p className="muted">Krippendorff's alpha between {data.raters.map((r) => r.name).join(', ')}: 1 is perfect agreement, 0 is what chance gives; ≥ 0.8 is reliable, ≥ 0.667 tentative. Missing ratings are allowed.</p>
          {[data.decision, ...data.dimensions.map((d) => d.alpha)].some(tooFew) && (
            <p className="callout callout-warning">{[data.decision, ...data.dimensions.map((d) => d.alpha)].find(tooFew)!.note} Read the figures below as a first impression only.</p>
          )}
          <h2>Between reviewers</h2>
          <div className="alpha-grid">
            {data.dimensions.map((d) => <AlphaCard key={d.name} title={d.name} alpha={d.alpha} />)}
            <AlphaCard title="decision" alpha={data.decision} />
          </div>
          <h2>Manual ratings against the automatic score</h2>
          <p className="muted">Each dimension's mean manual rating against its automatic points (as a fraction of the maximum, mapped onto 1–5).</p>
          <div className="alpha-grid">
            {data.manualVsAutomatic.map((m) => <AlphaCard key={m.name} title={m.name} alpha={m.alpha} extra={m.spearman === null ? undefined : `Spearman ρ ${m.spearman}`} />)}
          </div>
          <Card title="Largest disagreement first">
            <Table
              caption="Candidates by how much their reviewers disagree"
              hideCaption
              rows={data.disagreements}
              rowKey={(d) => d.invitationId}
              empty="No candidate has two reviews yet."
              columns={[
                { header: 'candidate', cell: (d) => d.candidate },
                { header: 'spread', cell: (d) => d.spread, numeric: true },
                { header: 'reviews', cell: (d) => (
                  <ul className="plain-list">
                    {d.ratings.map((r) => (
                      <li key={r.reviewer.id}><strong>{r.reviewer.name}</strong>: {order(r.ratings).map(([k, v]) => `${k} ${v}`).join(', ') || 'no ratings'}{r.decision ? ` · ${r.decision}` : ''}</li>
                    ))}
                  </ul>
                ) },
              ]}
            />
          </Card>
        </>
      )}
    </Page>
  );
}
