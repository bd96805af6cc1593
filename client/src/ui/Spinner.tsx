/** A spinning indicator; `label` is read by screen readers (empty: decorative). */
export function Spinner({ size = 'md', label = 'Loading' }: { size?: 'sm' | 'md'; label?: string }) {
  return <span className={`spinner spinner-${size}`} role={label ? 'status' : undefined} aria-label={label || undefined} aria-hidden={label ? undefined : true} />;
}

/** A centred "loading…" block for a page or a panel. */
export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="loading" role="status">
      <Spinner label="" /> <span>{label}</span>
    </div>
  );
}
