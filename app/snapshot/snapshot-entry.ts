/**
 * The entry of the start-up snapshot (dist/snapshot/pyra.blob), built by scripts/build-snapshot.mjs.
 * While the snapshot is built this loads the dashboard's code, blessed included, and draws one frame
 * on streams that go nowhere (warm-up.ts), so everything the first frame needs is loaded and
 * compiled in the snapshot. `bin/pyra` starts the dashboard from it with
 * `node --snapshot-blob dist/snapshot/pyra.blob`; the main function below then runs instead of
 * loading any module. Only the dashboard lives here: commands run from dist/main.js.
 *
 * Code in the snapshot cannot know where it lives on disk until it runs, so `import.meta.url` and
 * blessed's `__dirname` are globals (set below, at build time and again at each start), and npm
 * packages that load later come through the importer installed here (import-external.ts) or, for
 * the few the services import statically, through `__pyraRequire` (see build-snapshot.mjs).
 */
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startupSnapshot } from 'node:v8';
import vm from 'node:vm';
import { runDashboard } from '../commands/dashboard.js';
import { dashboardArgs } from '../commands/dashboard-args.js';
import { exitWithStartupFailure } from '../startup-failure.js';
import { setExternalImporter } from './import-external.js';
import { warmUpDashboard } from './warm-up.js';

declare const PYRA_BLESSED_LIB_FROM_BUNDLE: string;
declare global {
  var __pyraModuleUrl: string | undefined;
  var __pyraBlessedLib: string | undefined;
  var __pyraRequire: NodeJS.Require | undefined;
}

const BUNDLE_NAME = 'pyra-snapshot.cjs';

/** Where this bundle is: while building, the script being snapshotted; later, next to the blob. */
function bundlePath(): string {
  if (startupSnapshot.isBuildingSnapshot()) return resolve(process.argv[1]!);
  const args = process.execArgv;
  const at = args.findIndex((a) => a === '--snapshot-blob' || a.startsWith('--snapshot-blob='));
  const blob = at < 0 ? undefined : args[at]!.includes('=') ? args[at]!.slice(args[at]!.indexOf('=') + 1) : args[at + 1];
  if (!blob) return resolve(process.argv[1]!); // run as a plain script (debugging)
  return join(dirname(resolve(blob)), BUNDLE_NAME);
}

function locate(bundle: string): void {
  globalThis.__pyraModuleUrl = pathToFileURL(bundle).href;
  globalThis.__pyraRequire = createRequire(bundle);
  globalThis.__pyraBlessedLib = resolve(dirname(bundle), PYRA_BLESSED_LIB_FROM_BUNDLE);
}

/** `import()` that works from the snapshot: compiled at run time, resolving from the bundle's folder. */
function runtimeImporter(bundle: string): (specifier: string) => Promise<unknown> {
  const script = new vm.Script('(specifier) => import(specifier)', {
    filename: bundle,
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  return script.runInThisContext() as (specifier: string) => Promise<unknown>;
}

function start(): void {
  try {
    const bundle = bundlePath();
    locate(bundle);
    // Made on first use, once the dashboard sends process warnings to its log: creating it warns.
    let importer: ((specifier: string) => Promise<unknown>) | undefined;
    setExternalImporter((specifier) => (importer ??= runtimeImporter(bundle))(specifier));
  } catch (err) {
    exitWithStartupFailure(err);
  }
  runDashboard(dashboardArgs(process.argv.slice(2)) ?? {}).catch(exitWithStartupFailure);
}

if (startupSnapshot.isBuildingSnapshot()) {
  locate(bundlePath());
  warmUpDashboard();
  startupSnapshot.setDeserializeMainFunction(start);
} else {
  start();
}
