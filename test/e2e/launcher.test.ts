/**
 * The `pyra` command (bin/pyra): the dashboard starts from the start-up snapshot when it can, and
 * from dist/main.js when it cannot; commands always run bin/pyra.js. Real processes in a pty; which
 * path ran is read from the process's command line.
 */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PYRA_BIN, PYRA_LAUNCHER, REPO_ROOT, SNAPSHOT_BLOB, closeAll, startPty, startPyra, type PtySession } from '../helpers/pty-session.js';
import { makeTempHome, type TempHome } from '../helpers/temp-home.js';

const commandLine = (session: PtySession) => readFileSync(`/proc/${session.pid}/cmdline`, 'utf8').split('\0').filter(Boolean);

async function firstFrame(session: PtySession): Promise<void> {
  await session.waitForText('─ Plugins ─');
  await session.waitForText('approvals: 0');
}

describe('the pyra launcher (e2e: bin/pyra in a pty)', function () {
  this.timeout(30_000);
  const temps: TempHome[] = [];
  const temp = () => {
    const t = makeTempHome('pyra-e2e-launch-');
    temps.push(t);
    return t.home;
  };
  afterEach(() => closeAll());
  after(() => {
    while (temps.length) temps.pop()!.cleanup();
  });

  it('pyra alone starts the dashboard from the snapshot, with nothing on stderr', async () => {
    const home = join(temp(), '.pyra'); // used before: no first-start wizard over the panes
    mkdirSync(home, { mode: 0o700 });
    writeFileSync(join(home, 'config.json'), JSON.stringify({ provider: { id: 'ollama', model: 'unused' } }), { mode: 0o600 });
    const pyra = await startPyra({ home });
    await firstFrame(pyra);
    const args = commandLine(pyra);
    expect(args).to.include('--snapshot-blob');
    expect(resolve(args[args.indexOf('--snapshot-blob') + 1]!)).to.equal(SNAPSHOT_BLOB);
    // Timers, child processes and files work in a process started from the snapshot: the services
    // load (a snapshot taken with Node's timer lists half-updated once froze them here).
    await pyra.waitForText('No plugins enabled');
    await pyra.waitForText('vault: not used yet');
    expect(await pyra.screenText()).to.not.match(/Warning|node:\d+/);
    await pyra.press('ctrl-c');
    expect((await pyra.exited).exitCode).to.equal(0);
  });

  it('NODE_OPTIONS or PYRA_NO_SNAPSHOT=1: the dashboard starts from dist/main.js instead', async () => {
    const envs: Record<string, string>[] = [{ NODE_OPTIONS: '--max-old-space-size=512' }, { PYRA_NO_SNAPSHOT: '1' }];
    for (const env of envs) {
      const pyra = await startPyra({ env });
      await firstFrame(pyra);
      const args = commandLine(pyra);
      expect(args, JSON.stringify(env)).to.not.include('--snapshot-blob');
      expect(resolve(args.at(-1)!)).to.equal(PYRA_BIN);
      await pyra.press('ctrl-c');
      await pyra.exited;
    }
  });

  it('a snapshot older than its Node binary, or made by a Node that is gone, is not used', async () => {
    for (const variant of ['older', 'gone'] as const) {
      const root = temp();
      mkdirSync(join(root, 'bin'));
      mkdirSync(join(root, 'dist', 'snapshot'), { recursive: true });
      copyFileSync(PYRA_LAUNCHER, join(root, 'bin', 'pyra'));
      symlinkSync(PYRA_BIN, join(root, 'bin', 'pyra.js'));
      copyFileSync(SNAPSHOT_BLOB, join(root, 'dist', 'snapshot', 'pyra.blob'));
      writeFileSync(join(root, 'dist', 'snapshot', 'node'), `${variant === 'gone' ? '/nonexistent/node' : process.execPath}\n`);
      if (variant === 'older') utimesSync(join(root, 'dist', 'snapshot', 'pyra.blob'), new Date('2001-01-01'), new Date('2001-01-01'));
      const pyra = startPty({ file: join(root, 'bin', 'pyra'), cols: 120, rows: 40 });
      await firstFrame(pyra);
      expect(commandLine(pyra), variant).to.not.include('--snapshot-blob');
      await pyra.press('ctrl-c');
      await pyra.exited;
    }
  });

  it('reached through a symlink (as npm link and npm install -g make it), it finds its files', async () => {
    const dir = temp();
    const link = join(dir, 'pyra');
    symlinkSync(PYRA_LAUNCHER, link);
    const version = spawnSync(link, ['--version'], { encoding: 'utf8' });
    expect(version.status).to.equal(0);
    expect(version.stdout.trim()).to.equal(JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).version);
    const pyra = startPty({ file: link, cols: 120, rows: 40 });
    await firstFrame(pyra);
    expect(commandLine(pyra)).to.include('--snapshot-blob');
  });

  it('commands and flags go to the CLI; without a terminal the dashboard says it needs one', () => {
    const help = spawnSync(PYRA_LAUNCHER, ['--help'], { encoding: 'utf8' });
    expect(help.status).to.equal(0);
    expect(help.stdout).to.include('pyra memory');
    const noTty = spawnSync(PYRA_LAUNCHER, [], { encoding: 'utf8', input: '' });
    expect(noTty.status).to.equal(2);
    expect(noTty.stderr).to.include('needs a terminal');
  });
});
