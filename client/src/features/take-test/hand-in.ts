import type { SolutionFiles, SubmissionSummary } from '@assay/shared';
import { ApiError } from '../../api/http';
import { sameFiles } from './draft-sync';

/** One challenge as the page holds it at the deadline. */
export interface HandInChallenge {
  slug: string;
  files: SolutionFiles;
  starter: SolutionFiles;
  /** The server has a draft of it (saved at least once). */
  saved: boolean;
}

/**
 * The one rule at the end, shared with the server (`findUnsubmittedDrafts`):
 * a challenge the candidate changed (a saved draft, or edits on this page)
 * that has no final submission gets its code submitted as final. Untouched
 * challenges get nothing (no scored starter code), and a submitted one keeps
 * the candidate's own last submission.
 */
export function dueForHandIn(challenges: HandInChallenge[], finals: ReadonlySet<string>): HandInChallenge[] {
  return challenges.filter((c) => !finals.has(c.slug) && (c.saved || !sameFiles(c.files, c.starter)));
}

export interface DeadlineHandInDeps {
  /** Saves waiting edits; a failure is not fatal (the files on the page are submitted anyway). */
  flush(): Promise<void>;
  /** The challenges as they stand now. */
  challenges(): HandInChallenge[];
  /** The candidate's submissions on the server (asked before each attempt, so a final whose answer was lost is not posted twice). */
  listSubmissions(): Promise<SubmissionSummary[]>;
  submitFinal(slug: string, files: SolutionFiles): Promise<unknown>;
  /** Reloads the assessment; resolves whether the server has closed it (false: ask again later). */
  reload(): Promise<boolean>;
}

/** Worth trying again: no answer, the server busy or failing, or the rate limit. Any other refusal is final. */
function retryable(err: unknown): boolean {
  if (!(err instanceof ApiError)) return true;
  return err.isNetwork || err.status >= 500 || err.status === 429;
}

/**
 * Hands the candidate's work in at the deadline, at most once: `run` is
 * called on every clock tick past the deadline, and each call only retries
 * what failed before. A final that went through is never posted again (it is
 * remembered here, and the server's list is read before each attempt in
 * case an answer was lost); once every final is in, only the reload is
 * retried. DOM-free; the workspace drives it.
 */
export class DeadlineHandIn {
  /** Challenges whose final went in, or was refused for good. */
  private readonly settled = new Set<string>();
  private submitted = false;
  private finished = false;
  private running: Promise<boolean> | null = null;

  constructor(private readonly deps: DeadlineHandInDeps) {}

  get done(): boolean {
    return this.finished;
  }

  /** One attempt (calls while one runs share it). Resolves true once everything is in and the page has the closed assessment. */
  run(): Promise<boolean> {
    if (this.finished) return Promise.resolve(true);
    this.running ??= this.attempt().catch(() => false).finally(() => { this.running = null; });
    return this.running;
  }

  private async attempt(): Promise<boolean> {
    if (!this.submitted) {
      await this.deps.flush().catch(() => undefined);
      const finals = new Set((await this.deps.listSubmissions()).filter((s) => s.kind === 'final').map((s) => s.challengeSlug));
      const due = dueForHandIn(this.deps.challenges(), finals).filter((c) => !this.settled.has(c.slug));
      const results = await Promise.all(due.map(async (c) => {
        try {
          await this.deps.submitFinal(c.slug, c.files);
          this.settled.add(c.slug);
          return true;
        } catch (err) {
          if (retryable(err)) return false;
          this.settled.add(c.slug); // refused (e.g. past the grace): the server keeps the saved draft
          return true;
        }
      }));
      if (results.includes(false)) return false;
      this.submitted = true;
    }
    this.finished = await this.deps.reload();
    return this.finished;
  }
}
