import type { JudgeProgress } from '../challenges/challenge.judge';

/**
 * Shows judge progress on stderr (stdout stays clean for --json): a
 * redrawn bar on a TTY, one line per message otherwise (CI logs).
 */
export class ProgressView {
  private lastLine = '';
  private drawn = false;

  constructor(
    readonly label: string,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  update(p: JudgeProgress): void {
    const tty = this.stream.isTTY === true;
    if (!tty) {
      const line = `${this.label}: ${p.message}`;
      if (line !== this.lastLine) this.stream.write(`${line}\n`);
      this.lastLine = line;
      return;
    }
    const width = 24;
    const filled = Math.round((Math.min(p.done, p.total) / Math.max(1, p.total)) * width);
    const bar = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
    const columns = this.stream.columns ?? 100;
    const line = `${this.label} ${bar} ${p.done}/${p.total} ${p.message.split('\n')[0]}`.slice(0, columns - 1);
    this.stream.write(`\r\x1b[2K${line}`);
    this.drawn = true;
  }

  /** Clears the bar so the report starts on a clean line. */
  end(): void {
    if (this.drawn) this.stream.write('\r\x1b[2K');
    this.drawn = false;
  }
}
