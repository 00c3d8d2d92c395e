// Builds the bundled TypeScript plugins: plugins/<name>/plugin.ts → plugins/<name>/dist/plugin.mjs,
// one self-contained ES module each. A plugin runs in a child process whose file reads are limited to
// its own folder, so it cannot import from the repository's node_modules: every dependency (imapflow,
// nodemailer, tsdav, ical.js …) is bundled in. Run on its own (`node scripts/build-plugins.mjs
// [name…]`) or imported by scripts/build.mjs (all of them).
import { build } from 'esbuild';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const TYPESCRIPT_PLUGINS = ['email', 'nextcloud'];

const root = fileURLToPath(new URL('..', import.meta.url));
const scratch = `${root}node_modules/.cache/pyra-build-plugins`;

// CommonJS dependencies call require() for Node built-ins; an ES module has no require of its own.
const banner = [
  "import { createRequire as __pyraCreateRequire } from 'node:module';",
  'const require = __pyraCreateRequire(import.meta.url);',
].join('\n');

export async function buildPlugin(name) {
  const folder = `${root}plugins/${name}`;
  const entry = `${folder}/plugin.ts`;
  if (!existsSync(entry)) throw new Error(`build-plugins: ${entry} is missing`);
  const result = await build({
    entryPoints: [entry],
    outfile: `${folder}/dist/plugin.mjs`,
    write: false,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    banner: { js: banner },
    // Smaller bundles load faster in the child (the host gives a plugin 5 s to load); names are
    // kept so error messages still say MailError, DavError and so on.
    minify: true,
    keepNames: true,
    legalComments: 'none',
    sourcemap: false,
    logLevel: 'warning',
  });
  // Written beside the repository's files and renamed into place, so a test installing the plugin
  // while someone rebuilds copies the old or the new bundle, never half of one.
  mkdirSync(scratch, { recursive: true });
  mkdirSync(`${folder}/dist`, { recursive: true });
  const temp = `${scratch}/${name}-${process.pid}.mjs`;
  writeFileSync(temp, result.outputFiles[0].contents);
  renameSync(temp, `${folder}/dist/plugin.mjs`);
}

export async function buildPlugins(names = TYPESCRIPT_PLUGINS) {
  for (const name of names) await buildPlugin(name);
}

const runDirectly = process.argv[1] === fileURLToPath(import.meta.url);
const requested = runDirectly ? process.argv.slice(2) : [];
await buildPlugins(requested.length ? requested : TYPESCRIPT_PLUGINS);
