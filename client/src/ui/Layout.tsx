import type { ReactNode } from 'react';

/** A centred page with a heading; `narrow` for forms and messages. */
export function Page({ title, children, narrow, actions }: { title?: ReactNode; children: ReactNode; narrow?: boolean; actions?: ReactNode }) {
  return (
    <main className={narrow ? 'page page-narrow' : 'page'} id="main">
      {(title || actions) && (
        <div className="page-head">
          {title && <h1>{title}</h1>}
          {actions && <div className="page-actions">{actions}</div>}
        </div>
      )}
      {children}
    </main>
  );
}

export interface ShellProps {
  /** Left of the top bar (product name, links). */
  brand?: ReactNode;
  /** Navigation links. */
  nav?: ReactNode;
  /** Right of the top bar (user, sign out, timer). */
  aside?: ReactNode;
  children: ReactNode;
}

/** The app frame: a skip link, a top bar with brand, nav and aside, then the page. */
export function Shell({ brand, nav, aside, children }: ShellProps) {
  return (
    <div className="shell">
      <a className="skip-link" href="#main">Skip to content</a>
      <header className="topbar">
        <div className="topbar-brand">{brand ?? <span className="brand">Assay</span>}</div>
        {nav && <nav aria-label="Main" className="topbar-nav">{nav}</nav>}
        {aside && <div className="topbar-aside">{aside}</div>}
      </header>
      {children}
    </div>
  );
}

/** A titled box for grouping content on a page. */
export function Card({ title, children, className }: { title?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <section className={['card', className].filter(Boolean).join(' ')}>
      {title && <h2 className="card-title">{title}</h2>}
      {children}
    </section>
  );
}
