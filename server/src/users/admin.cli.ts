import { loadConfig } from '../app/config';
import { createDb } from '../db/db';
import { migrateToLatest } from '../db/migrate';
import { embeddedPostgresUrl } from '../platform/infra/embedded-postgres';
import { PasswordSchema } from '@assay/shared';
import { ensureAdmin } from './user.service';

const USAGE = `usage: node server/dist/main.cjs create-admin <email> [--name "Full Name"]
The password is read from ADMIN_PASSWORD, or else from the first line of stdin:
  printf '%s\\n' 'a long passphrase' | node server/dist/main.cjs create-admin ada@example.com
Uses DATABASE_URL, or the embedded Postgres of a running \`npm start\`.`;

async function readStdinLine(): Promise<string> {
  if (process.stdin.isTTY) throw new Error('set ADMIN_PASSWORD or pipe the password on stdin');
  let data = '';
  for await (const chunk of process.stdin) {
    data += String(chunk);
    if (data.includes('\n')) break;
  }
  return data.split('\n')[0]!.replace(/\r$/, '');
}

/** `create-admin`: makes an admin account (the first one, or another). @returns the exit code */
export async function createAdminCli(args: string[]): Promise<number> {
  const email = args[0];
  const nameAt = args.indexOf('--name');
  const name = nameAt >= 0 ? args[nameAt + 1] : undefined;
  if (!email || !/^[^@\s]+@[^@\s]+$/.test(email) || (nameAt >= 0 && !name)) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const password = process.env.ADMIN_PASSWORD || (await readStdinLine());
  const checked = PasswordSchema.safeParse(password);
  if (!checked.success) {
    process.stderr.write(`The password ${checked.error.issues[0]!.message}.\n`);
    return 2;
  }
  const config = loadConfig({ ...process.env, ADMIN_EMAIL: '', ADMIN_PASSWORD: '' });
  const db = createDb(config.databaseUrl ?? embeddedPostgresUrl(config.dataDir, config.embeddedPgPort), { maxConnections: 1 });
  try {
    await migrateToLatest(db);
    const outcome = await ensureAdmin(db, { email, password, name });
    if (outcome === 'exists') {
      process.stderr.write(`An account with the email ${email} already exists; nothing changed.\n`);
      return 1;
    }
    process.stdout.write(`Created admin ${email.toLowerCase()}.\n`);
    return 0;
  } catch (err) {
    process.stderr.write(`Could not create the admin: ${(err as Error).message}\n(Is the database running? Start Assay with \`npm start\`, or set DATABASE_URL.)\n`);
    return 1;
  } finally {
    await db.destroy();
  }
}
