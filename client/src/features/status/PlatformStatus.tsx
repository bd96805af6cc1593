import { useQuery } from '@tanstack/react-query';
import { fetchHealth } from '../../api/health';
import { ApiErrorView, Loading } from '../../ui';

const LABELS = { database: 'Database', queue: 'Queue', docker: 'Docker engine' } as const;

/** Live readiness of the platform's parts, refreshed every 5 s. */
export function PlatformStatus() {
  const health = useQuery({ queryKey: ['health'], queryFn: ({ signal }) => fetchHealth(signal), refetchInterval: 5_000, retry: false });
  if (health.isError && !health.data) return <ApiErrorView title="Cannot reach the API" error={health.error} onRetry={() => void health.refetch()} />;
  const report = health.data;
  if (!report) return <Loading label="Checking the platform…" />;
  return (
    <section aria-label="Platform status">
      <h2>Platform {report.status === 'ok' ? 'ready' : 'degraded'}</h2>
      <ul className="health">
        {(Object.keys(LABELS) as (keyof typeof LABELS)[]).map((name) => {
          const c = report.components[name];
          return (
            <li key={name} data-ok={c?.ok ?? false}>
              <strong>{LABELS[name]}</strong> {c?.ok ? 'up' : 'down'} <small>{c?.detail}</small>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
