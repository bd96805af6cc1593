import { useState } from 'react';
import { candidatePseudonym, type SimilarityMatch, type SimilarityReport } from '@assay/shared';
import { CodeView } from './CodeView';
import { Badge, Button } from '../../ui';


const pct = (share: number) => `${Math.round(share * 100)}%`;

function otherLabel(m: SimilarityMatch, anonymized: boolean): string {
  if (m.other.kind === 'solution') return `the challenge's ${m.other.name} solution`;
  if (m.other.candidateName === null) return 'a candidate in another assessment';
  return anonymized ? candidatePseudonym(m.other.invitationId) : m.other.candidateName;
}

/** Matches of this submission, best first; the chosen one side by side with the shared regions highlighted. */
export function SimilarityPanel({ report, files, anonymized }: { report: SimilarityReport; files: Record<string, string>; anonymized: boolean }) {
  const [chosen, setChosen] = useState(0);
  const [region, setRegion] = useState(0);
  if (!report.checked) return <p className="muted">Not checked yet: the similarity check runs once the final submission is scored.</p>;
  if (!report.matches.length) return <p className="muted">No notable overlap with any other final submission of this challenge or its own solutions.</p>;
  const match = report.matches[Math.min(chosen, report.matches.length - 1)]!;
  const r = match.regions[Math.min(region, match.regions.length - 1)];
  const fileA = r?.a.file ?? Object.keys(files)[0] ?? '';
  const fileB = r?.b.file ?? Object.keys(match.otherFiles)[0] ?? '';
  const rangesA = match.regions.filter((x) => x.a.file === fileA).map((x) => [x.a.startLine, x.a.endLine] as [number, number]);
  const rangesB = match.regions.filter((x) => x.b.file === fileB).map((x) => [x.b.startLine, x.b.endLine] as [number, number]);
  return (
    <div className="similarity" data-testid="similarity">
      <table className="table compact">
        <caption className="sr-only">Similar solutions</caption>
        <thead>
          <tr>
            <th scope="col">compared with</th>
            <th scope="col"><abbr title="Share of this submission's fingerprints also found in the other">of this code</abbr></th>
            <th scope="col"><abbr title="Share of the other's fingerprints also found in this one">of theirs</abbr></th>
            <th scope="col">regions</th>
            <th scope="col"><span className="sr-only">show</span></th>
          </tr>
        </thead>
        <tbody>
          {report.matches.map((m, i) => (
            <tr key={i} data-flagged={m.flagged} className={i === chosen ? 'selected' : undefined}>
              <td>
                {m.flagged && <Badge tone="danger">flagged</Badge>} {otherLabel(m, anonymized)}
              </td>
              <td>{pct(m.share)}</td>
              <td>{pct(m.otherShare)}</td>
              <td>{m.regions.length}</td>
              <td>
                <Button size="sm" variant={i === chosen ? 'primary' : 'secondary'} onClick={() => (setChosen(i), setRegion(0))} aria-pressed={i === chosen}>
                  Side by side
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {match.regions.length > 0 && (
        <>
          <div className="region-nav" role="group" aria-label="Shared regions">
            <span>
              Region {Math.min(region, match.regions.length - 1) + 1} of {match.regions.length}: lines {r!.a.startLine}–{r!.a.endLine} here, {r!.b.startLine}–{r!.b.endLine} there
            </span>
            <Button size="sm" disabled={region === 0} onClick={() => setRegion(region - 1)}>Previous region</Button>
            <Button size="sm" disabled={region >= match.regions.length - 1} onClick={() => setRegion(region + 1)}>Next region</Button>
          </div>
          <div className="side-by-side">
            <section aria-label="This submission">
              <h4>This submission · {fileA}</h4>
              <CodeView key={`a-${chosen}-${region}`} doc={files[fileA] ?? ''} highlight={[[r!.a.startLine, r!.a.endLine], ...rangesA.filter((x) => x[0] !== r!.a.startLine)]} label={`This submission, ${fileA}`} />
            </section>
            <section aria-label="The other solution">
              <h4>{otherLabel(match, anonymized)} · {fileB}</h4>
              <CodeView key={`b-${chosen}-${region}`} doc={match.otherFiles[fileB] ?? ''} highlight={[[r!.b.startLine, r!.b.endLine], ...rangesB.filter((x) => x[0] !== r!.b.startLine)]} label={`Other solution, ${fileB}`} />
            </section>
          </div>
        </>
      )}
      <p className="method"><abbr title={report.method}>How similarity is measured</abbr></p>
    </div>
  );
}
