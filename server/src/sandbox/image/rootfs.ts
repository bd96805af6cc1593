import fs from 'node:fs';
import path from 'node:path';
import { SANDBOX_GID, SANDBOX_UID } from './image.constants';

/**
 * Lays out the smallest root filesystem that runs Node as the sandbox user:
 * the binary, its shared libraries at the paths `ldd` printed, passwd/group,
 * and the directories the runner mounts over (/app, /tmp, /run/assay).
 * No shell, no package manager, no setuid binaries: nothing to escalate with.
 */
export async function buildRootfs(dir: string, nodeBinary: string, libraries: string[], probeSource: string): Promise<void> {
  const put = async (rel: string, content: string | Buffer, mode = 0o644) => {
    const file = path.join(dir, rel);
    await fs.promises.mkdir(path.dirname(file), { recursive: true });
    await fs.promises.writeFile(file, content, { mode });
    await fs.promises.chmod(file, mode); // writeFile's mode is filtered by the umask
  };
  for (const d of ['app', 'dev', 'proc', 'sys', 'etc', 'run/assay', 'opt/assay', 'usr/local/bin']) {
    await fs.promises.mkdir(path.join(dir, d), { recursive: true, mode: 0o755 });
  }
  await fs.promises.mkdir(path.join(dir, 'tmp'), { recursive: true });
  await fs.promises.chmod(path.join(dir, 'tmp'), 0o1777);

  await fs.promises.copyFile(nodeBinary, path.join(dir, 'usr/local/bin/node'));
  await fs.promises.chmod(path.join(dir, 'usr/local/bin/node'), 0o755);
  // copyFile follows symlinks (e.g. /lib64/ld-linux-x86-64.so.2): the image gets real files.
  for (const lib of libraries) {
    await put(lib.slice(1), await fs.promises.readFile(lib), 0o755);
  }
  await put('etc/passwd', `root:x:0:0:root:/root:/sbin/nologin\nsandbox:x:${SANDBOX_UID}:${SANDBOX_GID}:sandbox:/tmp:/sbin/nologin\n`);
  await put('etc/group', `root:x:0:\nsandbox:x:${SANDBOX_GID}:\n`);
  await put('opt/assay/probe.js', probeSource);
}
