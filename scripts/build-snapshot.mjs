// Builds the dashboard's start-up snapshot (see app/snapshot/snapshot-entry.ts):
//   dist/snapshot/pyra-snapshot.cjs  one CommonJS bundle of the dashboard, blessed included
//   dist/snapshot/pyra.blob          `node --build-snapshot` of that bundle, for this Node binary only
//   dist/snapshot/node               the path of the Node binary that built it (bin/pyra checks it)
// npm packages the dashboard loads later (LLM SDKs, markdown, the keychain addon, conf) stay outside
// and load at run time. If the snapshot cannot be built, bin/pyra runs dist/main.js as before; the
// build says so and fails only with PYRA_REQUIRE_SNAPSHOT=1 (set by npm test).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { createRequire, isBuiltin } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = join(root, 'dist', 'snapshot');
const bundle = join(outDir, 'pyra-snapshot.cjs');
const blob = join(outDir, 'pyra.blob');
const require = createRequire(import.meta.url);
const blessedLib = dirname(require.resolve('blessed/lib/tput.js'));

/** Loaded at run time through app/snapshot/import-external.ts, never bundled. */
const RUNTIME_PACKAGES = ['openai', 'ollama', 'marked', 'marked-terminal', 'cli-highlight', '@napi-rs/keyring', 'conf'];
/**
 * Loaded with require at run time (when the service that needs them starts, after the first frame):
 * bundling them (zod, ajv, the noble ciphers…) would triple the snapshot and slow every start.
 */
const RUNTIME_REQUIRED = /^(minisearch|age-encryption|@modelcontextprotocol\/sdk)(\/.*)?$/;
/** Never loaded by the dashboard (blessed's terminal widget); left as requires that would fail loudly. */
const UNUSED = ['term.js', 'pty.js'];

const snapshotSwaps = {
  name: 'pyra-snapshot',
  setup(b) {
    b.onResolve({ filter: RUNTIME_REQUIRED }, (args) => ({ path: args.path, namespace: 'runtime-require' }));
    b.onLoad({ filter: /.*/, namespace: 'runtime-require' }, (args) => ({
      contents: `module.exports = globalThis.__pyraRequire(${JSON.stringify(args.path)});`,
      loader: 'js',
    }));
    // blessed-modules.ts loads blessed with createRequire; the snapshot bundles the same modules.
    b.onResolve({ filter: /blessed-modules\.js$/ }, (args) =>
      args.importer.endsWith(join('widgets', 'blessed-lite.ts')) ? { path: join(root, 'app', 'snapshot', 'blessed-modules-bundled.ts') } : undefined,
    );
    // blessed's unicode.js loads all of blessed (every widget) just to read the screen's tab width.
    b.onLoad({ filter: /[\\/]blessed[\\/]lib[\\/]unicode\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const whole = "require('../')";
      if (!source.includes(whole)) throw new Error('blessed/lib/unicode.js changed: update build-snapshot.mjs');
      return { contents: source.replace(whole, "({ screen: require('./widgets/screen') })"), loader: 'js' };
    });
    // blessed finds its terminfo files from __dirname, which in a snapshot is where it was built.
    b.onLoad({ filter: /[\\/]blessed[\\/]lib[\\/]tput\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes('__dirname')) throw new Error('blessed/lib/tput.js no longer uses __dirname: update build-snapshot.mjs');
      return { contents: source.replace(/\b__dirname\b/g, 'globalThis.__pyraBlessedLib'), loader: 'js' };
    });
  },
};

function fail(message) {
  if (process.env.PYRA_REQUIRE_SNAPSHOT === '1') {
    process.stderr.write(`build: ${message}\n`);
    process.exit(1);
  }
  process.stderr.write(`build: no start-up snapshot (${message}); pyra starts without it.\n`);
  rmSync(outDir, { recursive: true, force: true });
}

/** Builds the bundle and the blob; returns what went wrong, or null. */
async function makeSnapshot() {
  try {
    await build({
      entryPoints: [join(root, 'app', 'snapshot', 'snapshot-entry.ts')],
      outfile: bundle,
      bundle: true,
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      external: [...RUNTIME_PACKAGES, ...UNUSED],
      define: {
        'import.meta.url': 'globalThis.__pyraModuleUrl',
        PYRA_BLESSED_LIB_FROM_BUNDLE: JSON.stringify(relative(outDir, blessedLib)),
      },
      plugins: [snapshotSwaps],
      logLevel: 'silent',
      minifyWhitespace: true,
      minifySyntax: true,
    });
  } catch (err) {
    return `bundling failed: ${err.message.split('\n').slice(0, 3).join(' ')}`;
  }

  // Inside the snapshot, require() reaches only Node's own modules and import() nothing: a package
  // that slipped into the bundle that way would fail only when its code first runs.
  const code = readFileSync(bundle, 'utf8');
  const strayRequires = [...code.matchAll(/\brequire\("([^"]+)"\)/g)]
    .map((m) => m[1])
    .filter((name) => !isBuiltin(name) && !UNUSED.includes(name) && name !== './widgets/**/*');
  const strayImports = [...code.matchAll(/\bimport\(([^)]*)\)/g)].map((m) => m[1]).filter((arg) => arg !== 'specifier');
  const stray = [...new Set([...strayRequires, ...strayImports])];
  if (stray.length) return `the snapshot bundle would load what it cannot reach from a snapshot: ${stray.join(', ')}`;

  const partial = `${blob}.partial`;
  const result = spawnSync(process.execPath, ['--snapshot-blob', partial, '--build-snapshot', bundle], {
    cwd: outDir,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', TERM: 'xterm-256color', LANG: 'C.UTF-8' },
    timeout: 120_000,
  });
  // Node warns that some built-in modules (child_process, tty) are "not yet fully verified" in
  // snapshots; the e2e suite, which starts every dashboard from this snapshot, is what verifies them.
  const problems = (result.stderr ?? '')
    .split('\n')
    .filter((line) => line.trim() && !/not yet fully verified whether built-in module|may still work in some cases|out-of-sync after snapshot|request support for the module|--trace-warnings/.test(line));
  if (result.status !== 0 || problems.length > 0) {
    return `node --build-snapshot exited with ${result.status ?? result.signal}: ${problems.join(' ').slice(0, 600) || 'no message'}`;
  }
  renameSync(partial, blob);
  writeFileSync(join(outDir, 'node'), `${process.execPath}\n`);
  return null;
}

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const problem = await makeSnapshot();
if (problem) fail(problem);
