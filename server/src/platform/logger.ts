import pino, { type Logger } from 'pino';

export type { Logger };

/** The process logger: JSON lines on stdout, one per event, with the process role bound. */
export function createLogger(level: string, role: string): Logger {
  return pino({ level, base: { role, pid: process.pid } });
}
