import { PlatformStatus } from './features/status/PlatformStatus';

export function App() {
  return (
    <main className="page">
      <header>
        <h1>Assay</h1>
        <p className="tagline">Judging whether code is fast, lean and correct under load.</p>
      </header>
      <PlatformStatus />
    </main>
  );
}
