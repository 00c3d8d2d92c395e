/**
 * A WebDAV file server shaped like Nextcloud's files endpoint, from `rclone serve webdav`:
 * http://127.0.0.1:PORT/remote.php/dav/files/USER/ over a temp dir, basic auth for one user.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, makeTempDir, requireProgram, spawnServer, waitForPort, type ServerProcess } from './server-process.js';

export interface RcloneServer {
  /** The user's files root, ending in /remote.php/dav/files/USER/. */
  url: string;
  /** Server origin, e.g. http://127.0.0.1:PORT/ (what a user would type as the Nextcloud URL). */
  origin: string;
  /** The folder being served: tests may look at or seed files here directly. */
  dir: string;
  kill(): Promise<void>;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startRclone(options: { user: string; password: string }): Promise<RcloneServer> {
  const rclone = requireProgram('rclone', 'rclone');
  const temp = makeTempDir('pyra-rclone-');
  const dir = join(temp.path, 'files');
  mkdirSync(dir);
  const configPath = join(temp.path, 'rclone.conf');
  writeFileSync(configPath, ''); // keeps rclone away from the user's own config
  const port = await freePort();
  const baseUrl = `/remote.php/dav/files/${encodeURIComponent(options.user)}`;
  const args = [
    'serve', 'webdav', dir,
    '--config', configPath,
    '--addr', `127.0.0.1:${port}`,
    '--user', options.user,
    '--pass', options.password,
    '--baseurl', baseUrl,
    // Without this, files the tests put into `dir` directly stay invisible for five minutes.
    '--dir-cache-time', '0s',
    '--log-level', 'ERROR',
  ];

  let server: ServerProcess | undefined;
  const launch = async (): Promise<void> => {
    server = spawnServer(rclone, args);
    await waitForPort(port, server, 'rclone serve webdav');
  };
  await launch();
  const origin = `http://127.0.0.1:${port}/`;

  return {
    url: `${origin.slice(0, -1)}${baseUrl}/`,
    origin,
    dir,
    kill: async () => {
      await server?.kill();
      server = undefined;
    },
    restart: async () => {
      await server?.stop();
      await launch();
    },
    stop: async () => {
      await server?.stop();
      server = undefined;
      temp.remove();
    },
  };
}
