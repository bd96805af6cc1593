import type { JudgeProgress } from '../challenges/challenge.judge';

/**
 * Shows judge progress on stderr (stdout stays clean for --json): on a TTY a
 * bar redrawn in place, with the seconds spent on the current step ticking
 * (a full-scale run is minutes of silence otherwise); elsewhere (CI logs) one
 * line per new message.
 */
export class ProgressView {
  private last: JudgeProgress | null = null;
  private lastLine = '';
  private stepStarted = Date.now();
  private ticker: NodeJS.Timeout | null = null;

  constructor(
    readonly label: string,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  update(p: JudgeProgress): void {
    if (!this.stream.isTTY) {
      const line = `${this.label}: ${p.message}`;
      if (line !== this.lastLine) this.stream.write(`${line}\n`);
      this.lastLine = line;
      return;
    }
    if (!this.last || this.last.message !== p.message) this.stepStarted = Date.now();
    this.last = p;
    this.ticker ??= setInterval(() => this.draw(), 1000).unref();
    this.draw();
  }

  private draw(): void {
    const p = this.last;
    if (!p) return;
    const width = 24;
    const filled = Math.round((Math.min(p.done, p.total) / Math.max(1, p.total)) * width);
    const bar = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
    const seconds = Math.floor((Date.now() - this.stepStarted) / 1000);
    const line = `${this.label} ${bar} ${p.done}/${p.total} ${p.message.split('\n')[0]}${seconds >= 2 ? ` (${seconds} s)` : ''}`;
    this.stream.write(`\r\x1b[2K${line.slice(0, (this.stream.columns ?? 100) - 1)}`);
  }

  /** Stops the ticker and clears the bar so what follows starts on a clean line. */
  end(): void {
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = null;
    if (this.last) this.stream.write('\r\x1b[2K');
    this.last = null;
  }
}
