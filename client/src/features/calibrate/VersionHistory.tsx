import type { RubricVersion } from '@assay/shared';
import { Badge, Table } from '../../ui';

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Every published version, newest first: who, when, why, and how many scores it made. */
export function VersionHistory({ versions }: { versions: RubricVersion[] }) {
  return (
    <Table
      caption="Published versions, newest first"
      hideCaption
      rows={versions}
      rowKey={(v) => v.id}
      columns={[
        { header: 'version', cell: (v) => <>v{v.version} {v.isCurrent && <Badge tone="success">in force</Badge>}</> },
        { header: 'published', cell: (v) => (v.source === 'file' ? <>from rubric.json <span className="muted">({when(v.createdAt)})</span></> : <>{v.publishedBy?.name} <span className="muted">({when(v.createdAt)})</span></>) },
        { header: 'reason', cell: (v) => v.reason ?? <span className="muted">the challenge's own rubric</span> },
        { header: 'scores', cell: (v) => v.scoreCount, numeric: true },
      ]}
    />
  );
}
