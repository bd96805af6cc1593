import type { SolutionFiles, SubmissionSummary } from '@assay/shared';
import { ApiError } from '../../api/http';
import { DeadlineHandIn, dueForHandIn, type HandInChallenge } from './hand-in';

const starter = { 'main.js': '// start\n' };
const edited = { 'main.js': '// mine\n' };
const ch = (slug: string, files: SolutionFiles, saved: boolean): HandInChallenge => ({ slug, files, starter, saved });

it('submits changed challenges without a final; untouched and submitted ones get nothing', () => {
  const due = dueForHandIn([ch('edited', edited, true), ch('local-only', edited, false), ch('untouched', starter, false), ch('reverted', starter, true), ch('done', edited, true)], new Set(['done']));
  // A saved draft counts even when it is back to the starter: the server submits it too.
  expect(due.map((c) => c.slug)).toEqual(['edited', 'local-only', 'reverted']);
});

/** A server that records finals, with faults switched on per call. */
function fakeServer() {
  const finals: { slug: string; files: SolutionFiles }[] = [];
  const faults = { list: 0, reload: 0, lostAnswer: new Set<string>(), failing: new Map<string, ApiError>() };
  let reloads = 0;
  const deps = {
    flush: jest.fn(async () => undefined),
    challenges: () => [ch('a', edited, true), ch('b', edited, true), ch('c', starter, false)],
    listSubmissions: jest.fn(async (): Promise<SubmissionSummary[]> => {
      if (faults.list-- > 0) throw new ApiError(0, 'NETWORK', 'offline');
      return finals.map((f) => ({ challengeSlug: f.slug, kind: 'final' }) as SubmissionSummary);
    }),
    submitFinal: jest.fn(async (slug: string, files: SolutionFiles) => {
      const refusal = faults.failing.get(slug);
      if (refusal) throw refusal;
      finals.push({ slug, files });
      // The server took it, but the answer never reached the page.
      if (faults.lostAnswer.delete(slug)) throw new ApiError(0, 'NETWORK', 'offline');
    }),
    reload: jest.fn(async () => {
      reloads++;
      if (faults.reload-- > 0) throw new ApiError(0, 'NETWORK', 'offline');
      return true;
    }),
  };
  return { finals, faults, deps, reloads: () => reloads };
}

it('posts each final once across ticks: retries only what failed, then only the reload', async () => {
  const srv = fakeServer();
  const handIn = new DeadlineHandIn(srv.deps);
  srv.faults.failing.set('b', new ApiError(503, 'SERVICE_UNAVAILABLE', 'busy'));
  srv.faults.reload = 2;

  expect(await handIn.run()).toBe(false); // b failed
  expect(srv.finals.map((f) => f.slug)).toEqual(['a']);
  srv.faults.failing.clear();
  expect(await handIn.run()).toBe(false); // b went in; the reload failed
  expect(await handIn.run()).toBe(false); // the reload failed again
  expect(await handIn.run()).toBe(true);
  expect(await handIn.run()).toBe(true); // later ticks do nothing
  expect(srv.finals.map((f) => f.slug)).toEqual(['a', 'b']);
  expect(srv.deps.submitFinal.mock.calls.map(([slug]) => slug)).toEqual(['a', 'b', 'b']);
  expect(srv.reloads()).toBe(3);
  expect(handIn.done).toBe(true);
});

it('does not post a final again when its answer was lost, and shares one attempt between overlapping ticks', async () => {
  const srv = fakeServer();
  const handIn = new DeadlineHandIn(srv.deps);
  srv.faults.lostAnswer.add('a');
  const [first, second] = await Promise.all([handIn.run(), handIn.run()]);
  expect([first, second]).toEqual([false, false]);
  expect(await handIn.run()).toBe(true);
  // The server's list showed a's final on the retry: posted once.
  expect(srv.finals.map((f) => f.slug).sort()).toEqual(['a', 'b']);
  expect(srv.deps.submitFinal).toHaveBeenCalledTimes(2);
});

it('gives up on a final the server refuses for good, and retries when it cannot list the submissions', async () => {
  const srv = fakeServer();
  const handIn = new DeadlineHandIn(srv.deps);
  srv.faults.list = 1;
  srv.faults.failing.set('a', new ApiError(409, 'CONFLICT', 'The deadline has passed.'));
  expect(await handIn.run()).toBe(false);
  expect(srv.deps.submitFinal).not.toHaveBeenCalled();
  expect(await handIn.run()).toBe(true);
  expect(await handIn.run()).toBe(true);
  expect(srv.deps.submitFinal.mock.calls.map(([slug]) => slug).sort()).toEqual(['a', 'b']);
  expect(srv.finals.map((f) => f.slug)).toEqual(['b']);
});
