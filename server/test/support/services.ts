import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { repoRoot } from '../../src/platform/paths';

export interface TestServices {
  databaseUrl: string;
  redisUrl: string;
  child: ChildProcess;
}

/** Starts embedded Postgres + redis-server in a child process (see services.cli.ts). */
export async function startTestServices(env: Record<string, string>): Promise<TestServices> {
  const root = repoRoot();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server/src/app/services.cli.ts')], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const firstLine = await new Promise<string>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`test services exited with code ${code} before they were ready`)));
  });
  const { databaseUrl, redisUrl } = JSON.parse(firstLine) as { databaseUrl: string; redisUrl: string };
  return { databaseUrl, redisUrl, child };
}
