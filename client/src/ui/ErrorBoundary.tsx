import { Component, type ErrorInfo, type ReactNode } from 'react';

interface State {
  error: Error | null;
}

/** Catches a render crash below it and shows a calm page with a reload button instead of a blank screen. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Render error', error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return <CrashPage />;
  }
}

/** The one crash page (render errors, route errors). */
export function CrashPage() {
  return (
    <main className="page page-narrow">
      <div className="callout callout-danger" role="alert">
        <h1 className="callout-title">This page hit a problem</h1>
        <p>Your saved work is safe on the server. Reload the page to continue.</p>
        <button type="button" className="btn btn-primary btn-md" onClick={() => location.reload()}>Reload</button>
      </div>
    </main>
  );
}
