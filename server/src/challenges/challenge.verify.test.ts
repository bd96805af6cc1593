import type { JudgeReport } from '@assay/shared';
import { foldCorrectness } from './challenge.judge';
import type { LoadedChallenge } from './challenge.types';
import { compareScales, slots, type SolutionCheck } from './challenge.verify';

const challenge = { slug: 'demo', manifest: { calibration: { bands: {}, scaleAgreementPoints: 8 } } } as unknown as LoadedChallenge;
const check = (solution: string, total: number | null): SolutionCheck => ({
  slug: 'demo',
  solution,
  role: 'graded',
  scale: 'quick',
  verdict: 'ACCEPTED',
  total,
  requirement: '',
  ok: true,
  report: {} as JudgeReport,
});

describe('compareScales', () => {
  it('passes totals within the margin and names the ones apart', () => {
    const quick = [check('reference', 100), check('mid', 80), check('slow', 92)];
    const full = [check('reference', 99), check('mid', 72), check('slow', 81)];
    expect(compareScales(challenge, quick, full).map((a) => [a.solution, a.ok, a.reason])).toEqual([
      ['reference', true, undefined],
      ['mid', true, undefined],
      ['slow', false, 'quick 92 vs full 81: more than 8 points apart'],
    ]);
  });
  it('fails a solution without a total at one scale', () => {
    expect(compareScales(challenge, [check('mid', 80)], [check('mid', null)])[0]!.reason).toBe('no total at full scale');
  });
});

describe('foldCorrectness', () => {
  it('gives measured trials the lower correctness and the higher peak of the correctness run', () => {
    const trial = { correctness: 1, peakRssBytes: 90, peakRssOverBaselineBytes: 50, throughputBytesPerSec: 7 };
    expect(foldCorrectness([trial], { correctness: 0.5, peakRssBytes: 100, peakRssOverBaselineBytes: 40 })).toEqual([
      { correctness: 0.5, peakRssBytes: 100, peakRssOverBaselineBytes: 50, throughputBytesPerSec: 7 },
    ]);
    expect(foldCorrectness([trial], null)).toEqual([trial]);
  });
});

describe('slots', () => {
  it('never runs more than the limit at once, serves waiters in order, and frees a slot whatever happened', async () => {
    const slot = slots(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const job = (id: number, ms: number, fail = false) =>
      slot(async () => {
        started.push(id);
        most = Math.max(most, ++running);
        await new Promise((r) => setTimeout(r, ms));
        running--;
        if (fail) throw new Error(`job ${id} failed`);
        return id * 2;
      });
    const results = await Promise.allSettled([job(1, 30), job(2, 10, true), job(3, 20), job(4, 5), job(5, 5)]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : 'failed'))).toEqual([2, 'failed', 6, 8, 10]);
    expect(most).toBe(2);
    expect(started).toEqual([1, 2, 3, 4, 5]);
    expect(await slot(async () => 'free again')).toBe('free again');
  });

  it('is shared: two users of one set of slots together stay within it', async () => {
    const slot = slots(1);
    let running = 0;
    let most = 0;
    const use = () => slot(async () => { most = Math.max(most, ++running); await new Promise((r) => setTimeout(r, 5)); running--; });
    await Promise.all([Promise.all([use(), use()]), Promise.all([use(), use()])]);
    expect(most).toBe(1);
  });
});
