import { startApi, type Api } from './api';
import { ConfigError, loadConfig } from './config';
import { startPlatform } from './platform';
import { createLogger } from '../platform/logger';
import { createAdminCli } from '../users/admin.cli';
import { startWorker, type RunningWorker } from '../worker/worker';

/**
 * The one entry point: API, worker or both, as ASSAY_ROLE says. Bad
 * configuration ends the process at once with a one-line message.
 */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const log = createLogger(config.logLevel, config.role);
  const platform = await startPlatform(config, log);
  let api: Api | undefined;
  let worker: RunningWorker | undefined;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    // A stop that cannot finish (e.g. Redis unreachable) must not hang forever;
    // an interrupted job is handed to another worker by the queue.
    setTimeout(() => {
      log.error('shutdown took longer than 25 s; exiting anyway');
      process.exit(1);
    }, 25_000).unref();
    await worker?.close().catch((err) => log.error({ err }, 'worker close failed'));
    await api?.close().catch((err) => log.error({ err }, 'api close failed'));
    await platform.stop().catch((err) => log.error({ err }, 'platform stop failed'));
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  try {
    if (config.role !== 'worker') api = await startApi(platform);
    if (config.role !== 'api') worker = await startWorker(platform);
  } catch (err) {
    log.fatal({ err: (err as Error).message }, 'start failed');
    await worker?.close().catch(() => undefined);
    await api?.close().catch(() => undefined);
    await platform.stop().catch(() => undefined);
    process.exit(1);
  }
}

/** Subcommands of the bundle (`node server/dist/main.cjs <command> …`); none: run the server. */
const COMMANDS: Record<string, (args: string[]) => Promise<number>> = {
  'create-admin': createAdminCli,
};

const [command, ...args] = process.argv.slice(2);
if (command !== undefined) {
  const run = COMMANDS[command];
  if (!run) {
    process.stderr.write(`Unknown command "${command}". Commands: ${Object.keys(COMMANDS).join(', ')} (or none, to run the server).\n`);
    process.exit(2);
  }
  run(args).then((code) => process.exit(code), (err: Error) => {
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  });
} else {
  main().catch((err: Error) => {
    process.stderr.write(`Assay failed to start: ${err.message}\n`);
    process.exit(1);
  });
}
