/**
 * Registers the service worker that keeps the app shell for offline reloads
 * (public/sw.js), and hands it the assets this page loaded before it took over.
 */
export function registerOfflineShell(): void {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  const report = () => {
    const urls = performance.getEntriesByType('resource').map((e) => e.name).filter((u) => new URL(u).pathname.startsWith('/assets/'));
    navigator.serviceWorker.controller?.postMessage({ type: 'cache-urls', urls });
    void navigator.serviceWorker.ready.then((reg) => reg.active?.postMessage({ type: 'cache-urls', urls }));
  };
  navigator.serviceWorker.register('/sw.js').then(() => {
    report();
    setTimeout(report, 3_000); // lazy chunks (the workspace) load a moment later
  }, () => undefined);
}
