import type Dockerode from 'dockerode';
import { DockerStreamDemuxer, OutputCapture } from './sandbox.output';

export interface AttachedOutput {
  stdout: OutputCapture;
  stderr: OutputCapture;
  /** Writes the run's stdin (if any) and closes it. Call once the container has started. */
  sendStdin(): void;
  /** Resolves when the engine has sent the last byte of output, or after `graceMs`; `onOutput` has had it all then. */
  finished(graceMs: number): Promise<void>;
}

/**
 * Attaches to a created (not yet started) container, so not a byte of output
 * is missed, and captures stdout/stderr with their caps applied as the bytes
 * arrive. The first stream to go over its cap calls `onOverflow` (the runner
 * kills the run then, so a program writing gigabytes stops within a chunk).
 * `onOutput` gets what is kept of each stream as it arrives (see OutputCapture).
 */
export async function attachOutput(
  container: Dockerode.Container,
  opts: {
    outputBytes: number;
    stdin?: string | Buffer;
    onOverflow?: () => void;
    onOutput?: (stream: 'stdout' | 'stderr', chunk: string) => void;
  },
): Promise<AttachedOutput> {
  const withStdin = opts.stdin !== undefined;
  const stream = (await container.attach({
    stream: true,
    stdout: true,
    stderr: true,
    stdin: withStdin,
    hijack: withStdin,
  })) as NodeJS.ReadWriteStream;
  const { onOutput } = opts;
  const stdout = new OutputCapture(opts.outputBytes, onOutput && ((text) => onOutput('stdout', text)));
  const stderr = new OutputCapture(opts.outputBytes, onOutput && ((text) => onOutput('stderr', text)));
  let overflowReported = false;
  const demux = new DockerStreamDemuxer((which, data) => {
    const ok = (which === 'stdout' ? stdout : stderr).push(data);
    if (!ok && !overflowReported) {
      overflowReported = true;
      opts.onOverflow?.();
    }
  });
  const ended = new Promise<void>((resolve) => {
    stream.on('end', resolve);
    stream.on('close', resolve);
    stream.on('error', () => resolve());
  });
  stream.on('data', (chunk: Buffer) => demux.write(chunk));

  return {
    stdout,
    stderr,
    sendStdin() {
      if (!withStdin) return;
      // Half-close after the data: with StdinOnce the engine then closes the program's stdin (EOF).
      stream.end(opts.stdin ?? '');
    },
    async finished(graceMs) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([ended, new Promise<void>((r) => (timer = setTimeout(r, graceMs)))]);
      clearTimeout(timer);
      (stream as unknown as { destroy?: () => void }).destroy?.();
      stdout.end();
      stderr.end();
    },
  };
}
