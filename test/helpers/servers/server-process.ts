/**
 * Plumbing shared by the test-server launchers: free ports, finding programs, starting a server in
 * its own process group, waiting until it answers, and killing the whole group (Dovecot forks).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/** A port the OS considers free right now on 127.0.0.1 (listen on 0, read it, close). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Full path of `program` on PATH (or an absolute candidate), or null. */
export function findProgram(program: string, extraCandidates: string[] = []): string | null {
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const candidate of [...dirs.map((dir) => join(dir, program)), ...extraCandidates]) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // keep looking
    }
  }
  return null;
}

/** Like findProgram, but throws a message naming the Debian package to install. */
export function requireProgram(program: string, debianPackage: string, extraCandidates: string[] = []): string {
  const found = findProgram(program, extraCandidates);
  if (!found) {
    throw new Error(
      `The integration tests need "${program}", which is not installed. ` +
        `Install it with: apt-get install --no-install-recommends ${debianPackage} ` +
        `(scripts/ensure-system-deps.sh does this when run as root).`,
    );
  }
  return found;
}

export interface TempDir {
  path: string;
  remove(): void;
}

export function makeTempDir(prefix: string): TempDir {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

const liveGroups = new Set<number>();
let exitHookInstalled = false;

/** Kills every server group this process started, even when mocha exits without running `after`. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
  });
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is already gone
  }
}

export interface ServerProcess {
  child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far (for error messages). */
  output(): string;
  /** True once the process has exited. */
  exited(): boolean;
  /** SIGTERM to the group, SIGKILL after `graceMs`; resolves when the leader has exited. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL to the whole group at once: a crash, as the client sees it. */
  kill(): Promise<void>;
}

export function spawnServer(program: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): ServerProcess {
  installExitHook();
  const child = spawn(program, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    detached: true, // own process group, so stop() reaches every child it forks
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const append = (chunk: Buffer): void => {
    log = (log + chunk.toString('utf8')).slice(-8000);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  // A forgotten stop() must not keep mocha alive; the exit hook still kills the group.
  (child.stdout as unknown as { unref?: () => void } | null)?.unref?.();
  (child.stderr as unknown as { unref?: () => void } | null)?.unref?.();
  let done = false;
  const exitedPromise = new Promise<void>((resolve) => {
    child.once('exit', () => {
      done = true;
      resolve();
    });
    child.once('error', (error) => {
      append(Buffer.from(String(error)));
      done = true;
      resolve();
    });
  });
  const pid = child.pid;
  if (pid !== undefined) liveGroups.add(pid);
  child.unref();

  const finish = async (signal: NodeJS.Signals, graceMs: number): Promise<void> => {
    if (pid === undefined) return;
    killGroup(pid, signal);
    const timer = setTimeout(() => killGroup(pid, 'SIGKILL'), graceMs);
    await exitedPromise;
    clearTimeout(timer);
    // The leader may go first: make sure no worker of the group outlives it.
    killGroup(pid, 'SIGKILL');
    liveGroups.delete(pid);
  };
  return {
    child,
    output: () => log,
    exited: () => done,
    stop: (graceMs = 3000) => finish('SIGTERM', graceMs),
    kill: () => finish('SIGKILL', 0),
  };
}

/**
 * Resolves once `127.0.0.1:port` accepts a connection (and, when `expect` is given, sends a first
 * chunk matching it). Fails early when the process exits, with its output in the message.
 */
export async function waitForPort(
  port: number,
  server: ServerProcess,
  name: string,
  options: { expect?: RegExp; timeoutMs?: number } = {},
): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  for (;;) {
    if (server.exited()) throw new Error(`${name} exited during start-up:\n${server.output()}`);
    if (await probe(port, options.expect)) return;
    if (Date.now() > deadline) {
      await server.kill();
      throw new Error(`${name} did not answer on 127.0.0.1:${port} in time:\n${server.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * Resolves once `127.0.0.1:port` refuses connections. A killed server's forked workers can hold its
 * listening socket for a moment after the leader is gone: a client then sees a reset, not a refusal.
 */
export async function waitForPortClosed(port: number, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await refused(port))) {
    if (Date.now() > deadline) throw new Error(`127.0.0.1:${port} still accepts connections ${timeoutMs} ms after its server was stopped`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

function probe(port: number, expect: RegExp | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => {
      if (!expect) done(true);
    });
    let received = '';
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      if (expect?.test(received)) done(true);
    });
  });
}
