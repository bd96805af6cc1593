import { StringDecoder } from 'node:string_decoder';
import type { CapturedOutput } from './sandbox.types';

/**
 * Keeps the head of one output stream, at most `cap` bytes, and counts the
 * rest. Nothing past the cap is held in memory, whatever the program writes.
 * `onText`, if given, gets what is kept as it arrives, decoded as UTF-8 (a
 * character split across chunks is passed on whole, once complete).
 */
export class OutputCapture {
  private readonly chunks: Buffer[] = [];
  private readonly decoder = new StringDecoder('utf8');
  private kept = 0;
  private total = 0;

  constructor(
    private readonly cap: number,
    private readonly onText?: (text: string) => void,
  ) {}

  /** Adds a chunk; returns false once the stream has gone over its cap. */
  push(chunk: Buffer): boolean {
    this.total += chunk.length;
    const room = this.cap - this.kept;
    if (room > 0) {
      const head = chunk.length <= room ? chunk : chunk.subarray(0, room);
      this.chunks.push(Buffer.from(head)); // copy: the demuxer's buffer may be reused
      this.kept += head.length;
      if (this.onText) this.emit(this.decoder.write(head));
    }
    return this.total <= this.cap;
  }

  /** Passes on what the decoder still holds (an incomplete character at the end), as `result()` decodes it. */
  end(): void {
    if (this.onText) this.emit(this.decoder.end());
  }

  private emit(text: string): void {
    if (!text) return;
    try {
      this.onText!(text);
    } catch {
      // a listener's fault must not end the run
    }
  }

  get overflowed(): boolean {
    return this.total > this.cap;
  }

  result(): CapturedOutput {
    return { text: Buffer.concat(this.chunks).toString('utf8'), bytes: this.total, truncated: this.overflowed };
  }
}

const HEADER_BYTES = 8;

/**
 * Splits the Engine API's multiplexed attach stream (8-byte header: stream
 * type, 3 zero bytes, big-endian payload length) into stdout and stderr
 * WITHOUT buffering whole frames: a 1 GiB frame is passed on in slices.
 */
export class DockerStreamDemuxer {
  private header = Buffer.alloc(0);
  private stream = 0;
  private remaining = 0;

  constructor(private readonly onData: (stream: 'stdout' | 'stderr', data: Buffer) => void) {}

  write(chunk: Buffer): void {
    let offset = 0;
    while (offset < chunk.length) {
      if (this.remaining === 0) {
        const need = HEADER_BYTES - this.header.length;
        this.header = Buffer.concat([this.header, chunk.subarray(offset, offset + need)]);
        offset += Math.min(need, chunk.length - offset);
        if (this.header.length < HEADER_BYTES) return;
        this.stream = this.header[0]!;
        this.remaining = this.header.readUInt32BE(4);
        this.header = Buffer.alloc(0);
        continue;
      }
      const take = Math.min(this.remaining, chunk.length - offset);
      const data = chunk.subarray(offset, offset + take);
      offset += take;
      this.remaining -= take;
      // Stream 1 is stdout, 2 stderr; 0 (stdin echo) is not produced without a TTY.
      if (this.stream === 2) this.onData('stderr', data);
      else this.onData('stdout', data);
    }
  }
}
