/**
 * `npm run bench:web`: the candidate page's budgets, on localhost, in Debian's Chromium.
 *
 *   bytes     gzipped JS + CSS the browser loads for `/take/<token>` of a started
 *             assessment, each file gzipped here at level 6 as a reverse proxy
 *             would, in KB (1 KB = 1000 bytes, as the 350 KB target means):
 *             "initial" up to an editable editor (fresh context); "whole
 *             session" adds everything a candidate loads later: typing, Run
 *             tests, Submit (its live progress with the lazily loaded memory
 *             chart, fed a running status and samples here) and the activity
 *             log, all in one fresh context
 *   editable  navigation start → the CodeMirror content is editable, median of
 *             10 loads, each in a fresh browser context (cold cache)
 *   live      a status event published the way the worker does (LivePublisher:
 *             Redis → socket.io adapter → socket) → its label in the page,
 *             p50/p99 over ASSAY_BENCH_WEB_EVENTS (default 60) events; both
 *             ends read this machine's clock (Date.now())
 *
 * The /status page (no editor, no socket) is loaded the same way as a same-run
 * reference for the load time. Real API, Postgres and Redis (embedded ones
 * under .data/bench-web unless DATABASE_URL/REDIS_URL are given).
 */
import zlib from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../../client/test/browser';
import { createDb } from '../src/db/db';
import { LivePublisher } from '../src/live/live.publisher';
import type { Logger } from '../src/platform/logger';
import { createRedis } from '../src/platform/redis';
import { benchServices, stopBenchServices } from './bench.services';
import { buildOnce } from '../test/support/server-process';
import { setUpCandidate, startPipelineServer, type PipelineServer } from '../test/support/pipeline';
import { percentile, printTable } from './bench.stats';

// Page-side globals for the functions passed to waitForFunction (this file compiles without DOM types;
// string predicates would be refused by the page's CSP, which forbids eval).
declare const window: { __editableAt?: number; __statusLog: { at: number }[] };

const LOADS = 10;
const EVENTS = Number(process.env.ASSAY_BENCH_WEB_EVENTS ?? 60);
const ADMIN = { email: 'bench-web@example.com', password: 'benchmark passphrase' };
const TARGETS = { kb: 350, editableMs: 1_000, p99Ms: 250 };
const KB = 1000;

/** Records when the editor becomes editable, in ms since navigation start. */
const WATCH_EDITOR = `(() => {
  const seen = () => document.querySelector('.cm-content[contenteditable="true"]');
  new MutationObserver((_m, obs) => { if (seen()) { window.__editableAt = performance.now(); obs.disconnect(); } })
    .observe(document, { childList: true, subtree: true });
})()`;

/** Records every script and stylesheet the page loads (by URL) into `collect`. */
function collectAssets(page: Page, collect: Map<string, Buffer>): void {
  page.on('response', async (res) => {
    const type = res.request().resourceType();
    if (type === 'script' || type === 'stylesheet') collect.set(res.url(), await res.body().catch(() => Buffer.alloc(0)));
  });
}

async function loadOnce(browser: Browser, url: string, ready: string, collect?: Map<string, Buffer>): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  if (collect) collectAssets(page, collect);
  await page.addInitScript(WATCH_EDITOR);
  await page.goto(url);
  await page.waitForSelector(ready);
  const at = ready.includes('cm-content') ? ((await (await page.waitForFunction(() => window.__editableAt)).jsonValue())!)
    : ((await page.evaluate('performance.now()')) as number);
  await page.waitForLoadState('networkidle');
  await context.close();
  return at;
}

async function statusLatencies(page: Page, live: LivePublisher, submissionId: string): Promise<number[]> {
  await page.evaluate(`(() => {
    window.__statusLog = [];
    let last = document.querySelector('.run-head .badge')?.textContent ?? '';
    new MutationObserver(() => {
      const label = document.querySelector('.run-head .badge')?.textContent ?? '';
      if (label !== last) {
        last = label;
        window.__statusLog.push({ label, at: Date.now() });
      }
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  })()`);
  const out: number[] = [];
  for (let i = 0; i < EVENTS; i++) {
    const status = i % 2 === 0 ? 'running' : 'scoring';
    const sentAt = Date.now();
    await live.submission(submissionId, { type: 'status', status, attempt: 1, verdict: null, message: null });
    await page.waitForFunction((n) => window.__statusLog.length >= n, i + 1);
    const seen = (await page.evaluate(`window.__statusLog[${i}].at`)) as number;
    out.push(seen - sentAt);
    await new Promise((r) => setTimeout(r, 50));
  }
  return out;
}

/**
 * A candidate's whole session in one fresh context: load, type, Run tests,
 * Submit (live progress: a running status and memory samples are published
 * the way the worker does, so the lazily loaded chart appears), the activity
 * log. Returns every JS/CSS file loaded on the way.
 */
async function wholeSession(browser: Browser, takeUrl: string, live: LivePublisher): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  collectAssets(page, files);
  await page.goto(takeUrl);
  const editor = page.getByRole('textbox', { name: 'Code editor' });
  await editor.click();
  await page.keyboard.insertText('// bench\n');
  await page.getByRole('button', { name: 'Run tests' }).click();
  await page.locator('.run-head').waitFor();
  await page.getByRole('button', { name: 'Submit', exact: true }).click();
  const submitted = page.waitForResponse((res) => res.request().method() === 'POST' && res.url().endsWith('/submissions'));
  await page.getByRole('dialog').getByRole('button', { name: 'Submit' }).click();
  const { id } = (await (await submitted).json()) as { id: string };
  await page.locator('.submission-status').waitFor();
  await live.submission(id, { type: 'status', status: 'running', attempt: 1, verdict: null, message: null });
  for (let i = 0; i < 5; i++) await live.submission(id, { type: 'sample', role: 'candidate', trial: 0, sample: { tMs: i * 100, rssBytes: (20 + i) * 1024 * 1024 } });
  await page.locator('.memory-chart canvas').waitFor();
  await page.getByRole('button', { name: 'Activity log' }).click();
  await page.getByRole('dialog', { name: 'Your activity log' }).locator('table, p').first().waitFor();
  await page.waitForLoadState('networkidle');
  await context.close();
  return files;
}

/** Each file's size and gzipped size; the total gzipped bytes. */
function gzipped(files: Map<string, Buffer>) {
  const rows = [...files].map(([url, body]) => ({ path: new URL(url).pathname, raw: body.length, gz: zlib.gzipSync(body, { level: 6 }).length }));
  return { rows, total: rows.reduce((s, f) => s + f.gz, 0) };
}

async function main(): Promise<void> {
  const owned = await benchServices({ name: 'bench-web', pgPort: 54353, redisPort: 6403, redisDb: 5 });
  buildOnce();
  let server: PipelineServer | undefined;
  let browser: Browser | undefined;
  const redis = createRedis(process.env.REDIS_URL!);
  try {
    // API only: nothing judges the submission, the bench publishes its status events itself.
    server = await startPipelineServer({ ASSAY_ROLE: 'api', REDIS_URL: process.env.REDIS_URL!, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, RATE_LIMIT_IP_PER_MINUTE: '100000' });
    const { candidate, token } = await setUpCandidate(server.baseUrl, ADMIN);
    const started = await candidate.post('/api/candidate/start');
    if (started.status !== 200) throw new Error(`start: ${started.status}`);
    browser = await launchBrowser();
    const takeUrl = `${server.baseUrl}/take/${token}`;
    const editor = '.cm-content[contenteditable="true"]';

    const files = new Map<string, Buffer>();
    await loadOnce(browser, takeUrl, editor, files);
    const initial = gzipped(files);

    const take: number[] = [];
    const status: number[] = [];
    for (let i = 0; i < LOADS; i++) {
      status.push(await loadOnce(browser, `${server.baseUrl}/status`, 'text=Platform ready'));
      take.push(await loadOnce(browser, takeUrl, editor));
    }

    const sub = await candidate.post('/api/candidate/challenges/stream-log/submissions', { kind: 'test', files: { 'main.js': 'console.log(1)\n' } });
    if (sub.status !== 202) throw new Error(`submission: ${sub.status} ${JSON.stringify(sub.body)}`);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(takeUrl);
    await page.waitForSelector('.run-head .badge');
    const db = createDb(process.env.DATABASE_URL!);
    const live = new LivePublisher(redis, { warn: () => undefined } as unknown as Logger, db);
    const lat = await statusLatencies(page, live, sub.body.id as string);
    await context.close();
    // After the latency run: its page shows the test run, which a final submission would replace.
    const session = gzipped(await wholeSession(browser, takeUrl, live));
    await db.destroy();
    const initialPaths = new Set(initial.rows.map((f) => f.path));

    const p50 = (v: number[]) => percentile(v, 50);
    console.log(`\nFiles loaded by a /take/<token> session (started; "initial": up to an editable editor, "later": during the session):`);
    printTable(['file', 'when', 'bytes', 'gzip'], session.rows.map((f) => [f.path, initialPaths.has(f.path) ? 'initial' : 'later', String(f.raw), String(f.gz)]));
    console.log('');
    const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;
    printTable(['budget', 'measured', 'target', 'ratio to target', 'context'], [
      ['JS+CSS gzipped, initial', kb(initial.total), `≤ ${TARGETS.kb} KB`, (initial.total / (TARGETS.kb * KB)).toFixed(2), `${initial.rows.length} files, up to an editable editor (${initial.total} bytes)`],
      ['JS+CSS gzipped, whole session', kb(session.total), `≤ ${TARGETS.kb} KB`, (session.total / (TARGETS.kb * KB)).toFixed(2), `${session.rows.length} files, through Submit with the memory chart (${session.total} bytes)`],
      ['navigation → editable editor (median of 10)', `${p50(take).toFixed(0)} ms`, `≤ ${TARGETS.editableMs} ms`, (p50(take) / TARGETS.editableMs).toFixed(2), `/status page (same run): ${p50(status).toFixed(0)} ms → ratio ${(p50(take) / p50(status)).toFixed(2)}`],
      ['status event → text, p50', `${p50(lat).toFixed(0)} ms`, '', '', `${lat.length} events`],
      ['status event → text, p99', `${percentile(lat, 99).toFixed(0)} ms`, `≤ ${TARGETS.p99Ms} ms`, (percentile(lat, 99) / TARGETS.p99Ms).toFixed(2), `max ${Math.max(...lat).toFixed(0)} ms`],
    ]);
  } finally {
    await browser?.close();
    await server?.stop();
    redis.disconnect();
    await stopBenchServices(owned);
  }
}

main().then(
  () => process.exit(0),
  (err: Error) => {
    console.error(`web bench failed: ${err.stack ?? err.message}`);
    process.exit(1);
  },
);
