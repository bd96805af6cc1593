import { Badge } from '../../ui';
import type { z } from 'zod';
import type { StoredScoreSchema } from '@assay/shared';

type StoredScore = z.infer<typeof StoredScoreSchema>;

/** Points per rubric dimension with the scorer's one-line explanation, the rubric version and the level band. */
export function ScorePanel({ score }: { score: StoredScore | undefined }) {
  if (!score) return <p className="muted">No score: the submission was not scored (still running, or a platform fault).</p>;
  return (
    <div className="score" data-testid="score">
      <p className="score-total">
        <strong>{Math.round(score.total)}</strong>/100 · level band <Badge tone="info">{score.level}</Badge> · rubric <code>{score.rubricVersion}</code>
      </p>
      <table className="table compact">
        <caption className="sr-only">Score per rubric dimension</caption>
        <thead>
          <tr>
            <th scope="col">dimension</th>
            <th scope="col">points</th>
            <th scope="col">why</th>
          </tr>
        </thead>
        <tbody>
          {score.dimensions.map((d) => (
            <tr key={d.name}>
              <th scope="row">{d.name}</th>
              <td>
                <meter min={0} max={d.max} value={d.points} aria-label={`${d.name}: ${d.points} of ${d.max}`} /> {Math.round(d.points * 10) / 10}/{d.max}
              </td>
              <td>{d.detail}{d.basis === 'relative' && <span className="muted"> (relative to the reference, same run)</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
