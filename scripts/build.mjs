// Builds dist/: one ESM bundle per entry path (dashboard and CLI share chunks), packages external.
// Bundling our ~40 modules saves ~15 ms of ES-module loading on the first-frame path; type-checking
// is `tsc --noEmit` (npm run typecheck, and part of npm test).
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: { main: 'app/main.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: false,
  logLevel: 'warning',
  chunkNames: 'chunks/[name]-[hash]',
});

// The bundled plugins run sandboxed (reads limited to their own folder), so their dependencies are
// bundled into each plugin's dist/ as well.
const pluginsBuild = new URL('./build-plugins.mjs', import.meta.url);
if ((await import('node:fs')).existsSync(pluginsBuild)) await import(pluginsBuild.href);

// The dashboard's start-up snapshot (bin/pyra uses it when present).
await import(new URL('./build-snapshot.mjs', import.meta.url).href);
