import fs from 'node:fs';
import path from 'node:path';
import axe from 'axe-core';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { repoRoot } from '../../../server/src/platform/paths';
import type { SharedPlatform } from './platform';

export interface TestPageOptions {
  /** Names the artifacts folder: `.data/artifacts/<name>/`. */
  name: string;
  /** @defaultValue 1280×800 */
  viewport?: { width: number; height: number };
  /** Extra context options (e.g. `colorScheme: 'dark'`). */
  context?: BrowserContextOptions;
}

export interface TestPage {
  page: Page;
  context: BrowserContext;
  /** Saves `.data/artifacts/<name>/<step>.png` (full page). */
  shot(step: string): Promise<string>;
  /** Runs axe-core in the page; throws on any serious or critical violation. */
  axe(what: string): Promise<void>;
  /**
   * Console errors matching `pattern` are expected from now until the
   * returned function is called (e.g. "Failed to load resource" while offline).
   */
  allowConsoleErrors(pattern: RegExp): () => void;
  /** Throws if the page logged a console error, threw, or requested another host. Called by close(). */
  assertClean(): void;
  close(): Promise<void>;
}

/**
 * A fresh browser context and page on the shared platform that fails the
 * test (at `assertClean`/`close`) on any console error, uncaught page error
 * or request to a host other than the platform's.
 */
export async function openTestPage(browser: Browser, platform: SharedPlatform, opts: TestPageOptions): Promise<TestPage> {
  const context = await browser.newContext({ viewport: opts.viewport ?? { width: 1280, height: 800 }, baseURL: platform.baseUrl, ...opts.context });
  const page = await context.newPage();
  const host = new URL(platform.baseUrl).host;
  const problems: string[] = [];
  const allowed = new Set<RegExp>();
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const text = m.text();
    if ([...allowed].some((re) => re.test(text))) return;
    problems.push(`console error: ${text} (${m.location().url})`);
  });
  page.on('pageerror', (err) => problems.push(`uncaught in page: ${err.message}`));
  context.on('request', (req) => {
    const url = new URL(req.url());
    if (url.protocol === 'data:' || url.protocol === 'blob:' || url.protocol === 'about:') return;
    if (url.host !== host) problems.push(`request to another host: ${req.url()}`);
  });
  const dir = path.join(repoRoot(), '.data', 'artifacts', opts.name);
  fs.mkdirSync(dir, { recursive: true });
  const assertClean = () => {
    if (problems.length) throw new Error(`the page was not clean:\n${problems.join('\n')}`);
  };
  return {
    page,
    context,
    async shot(step) {
      const file = path.join(dir, `${step}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    async axe(what) {
      // evaluate() runs outside the page's CSP (a script tag would be refused by script-src 'self').
      await page.evaluate(axe.source);
      const result = (await page.evaluate("axe.run(document, { resultTypes: ['violations'] })")) as axe.AxeResults;
      const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      if (bad.length) {
        const lines = bad.map((v) => `${v.impact} ${v.id}: ${v.help}\n    ${v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`.replace(/\n/g, ' ')).join('\n    ')}`);
        throw new Error(`axe on ${what}:\n${lines.join('\n')}`);
      }
    },
    allowConsoleErrors(pattern) {
      allowed.add(pattern);
      return () => allowed.delete(pattern);
    },
    assertClean,
    async close() {
      await context.close();
      assertClean();
    },
  };
}
