// The plugin runner is a plain .mjs asset next to the sources, found at run time by walking up to
// Pyra's package.json. This checks that still works from an esbuild bundle built like dist/ (with
// chunks), running the real CLI commands in a separate process.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { REPO, removeTempHomes, tempHome } from './helpers.js';

describe('plugin commands from an esbuild bundle', function () {
  this.timeout(60_000);
  let outdir: string;

  before(async function () {
    // Inside the repository, as dist/ is, so the walk up finds Pyra's package.json.
    const cache = join(REPO, 'node_modules', '.cache');
    mkdirSync(cache, { recursive: true });
    outdir = mkdtempSync(join(cache, 'pyra-plugin-bundle-'));
    const entry = join(outdir, 'entry.ts');
    writeFileSync(
      entry,
      [
        "import yargs from 'yargs';",
        `import { pluginCommand } from ${JSON.stringify(join(REPO, 'app', 'commands', 'plugin.js'))};`,
        `import { mcpCommand } from ${JSON.stringify(join(REPO, 'app', 'commands', 'mcp.js'))};`,
        'await yargs(process.argv.slice(2)).command([pluginCommand, mcpCommand]).strict().parseAsync();',
      ].join('\n'),
    );
    await build({
      entryPoints: { main: entry },
      outdir: join(outdir, 'dist'),
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      packages: 'external',
      logLevel: 'silent',
      chunkNames: 'chunks/[name]-[hash]',
      absWorkingDir: REPO,
    });
  });

  after(function () {
    rmSync(outdir, { recursive: true, force: true });
    removeTempHomes();
  });

  function pyra(home: string, args: string[]) {
    const result = spawnSync(process.execPath, [join(outdir, 'dist', 'main.js'), ...args], {
      cwd: home,
      env: { PATH: process.env.PATH, HOME: home, PYRA_HOME: home },
      encoding: 'utf8',
      timeout: 20_000,
    });
    return { code: result.status, out: result.stdout, err: result.stderr };
  }

  it('installs, enables and lists the bundled plugin, which loads in its sandbox', function () {
    const home = tempHome();
    expect(pyra(home, ['plugin', 'install', 'time-and-units']).code).to.equal(0);
    const enable = pyra(home, ['plugin', 'enable', 'time-and-units']);
    expect(enable.code, enable.err).to.equal(0);
    const list = pyra(home, ['plugin', 'list']);
    expect(list.code, list.err).to.equal(0);
    expect(list.out).to.match(/time-and-units\s+1\.0\.0\s+loaded\s+3 tools/);
    expect(pyra(home, ['plugin', 'tools', 'time-and-units']).out).to.include('time-and-units__convert_units');
  });

  it('parses `pyra mcp add NAME -- COMMAND ARGS` with the arguments after --', function () {
    const home = tempHome();
    const add = pyra(home, ['mcp', 'add', 'echoer', '--env', 'MODE=test', '--', process.execPath, 'server.js', '--port', '0']);
    expect(add.code, add.err).to.equal(0);
    const list = pyra(home, ['mcp', 'list', '--no-start', '--json']);
    expect(JSON.parse(list.out)[0]).to.deep.include({ name: 'echoer', command: process.execPath, args: ['server.js', '--port', '0'], env: { MODE: 'test' } });
    const usage = pyra(home, ['plugin', 'frobnicate']);
    expect(usage.code).to.equal(2);
    expect(usage.err).to.include('pyra plugin:');
  });
});
