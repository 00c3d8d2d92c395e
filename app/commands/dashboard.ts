import { existsSync } from 'node:fs';
import { logProcessWarnings } from './process-warnings.js';
import { bootstrapHome, homePaths, pyraHome } from '../config/home.js';
import { readConfig } from '../config/config-file.js';
import { applyKeybindings } from '../input/keybindings-file.js';
import { createKeymap } from '../input/keymap.js';
import { initialState } from '../store/state.js';
import { createStore } from '../store/store.js';
import { chooseTheme } from '../../themes/resolve-theme.js';
import { pyraVersion } from '../version.js';
import { mountDashboard, type DashboardServices } from '../../widgets/dashboard.js';

export interface DashboardArgs {
  theme?: string;
}

/** Raised for problems the user must fix before the dashboard can open; main prints and exits. */
export class StartupError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
    this.name = 'StartupError';
  }
}

/**
 * Opens the full-screen dashboard. This command is the composition root: it alone wires services to
 * widgets (statically, so the dashboard path is one bundle). Everything here is on the first-frame path: keep it to the home
 * check, the config read, the keymap, the theme and the widgets; load anything else after.
 */
export async function runDashboard(args: DashboardArgs): Promise<void> {
  if (!process.stdout.isTTY || !process.stdin.isTTY) {
    throw new StartupError('pyra: the dashboard needs a terminal. Run it in a terminal, or see `pyra --help` for commands.', 2);
  }
  const home = pyraHome();
  const report = bootstrapHome(home);
  const paths = homePaths(home);
  logProcessWarnings(paths.warningsLog);
  const config = readConfig(paths.config);
  // Never set up: no config file yet. The wizard opens by itself then (and until a provider is saved).
  const neverSetUp = !existsSync(paths.config);
  const keys = applyKeybindings(paths.keybindings);
  const { theme, problems: themeProblems } = chooseTheme({
    flag: args.theme,
    configured: config.theme,
    noColorEnv: Boolean(process.env.NO_COLOR),
    themesDir: paths.themes,
  });
  const store = createStore(
    initialState({
      version: pyraVersion(),
      cols: process.stdout.columns ?? 80,
      rows: process.stdout.rows ?? 24,
      theme: theme.name,
      memoryRoot: paths.memory,
      pluginsDir: paths.plugins,
      provider: config.provider ?? null,
    }),
    { actionLog: process.env.PYRA_DEBUG === '1' ? paths.actionsLog : undefined },
  );
  const services: DashboardServices = {};
  /** A reply streaming at quit time is saved before the process ends. */
  const exitSaving = (code: number): never => {
    services.chat?.saveOnQuit();
    process.exit(code);
  };
  const dashboard = mountDashboard({ store, keymap: createKeymap(keys.bindings), theme, onQuit: () => exitSaving(0), services });
  dashboard.renderNow();
  // After the first frame: the services (chat, memory, plugins, vault, setup).
  setImmediate(() => {
    import('./dashboard-services.js')
      .then((m) => m.startDashboardServices(store, services, home, config, neverSetUp, () => dashboard.servicesReady(), (run) => dashboard.suspend(run)))
      .catch((err: Error) => store.dispatch({ type: 'status/notice', tone: 'danger', text: `Pyra could not start its services: ${err.message}` }));
  });

  const problems = [...keys.problems, ...themeProblems];
  if (problems.length > 0) {
    store.dispatch({ type: 'ui/openModal', modal: { kind: 'message', title: 'Settings problems', tone: 'warning', body: problems.join('\n') } });
  }
  if (report.fixed.length > 0) {
    store.dispatch({ type: 'status/notice', tone: 'warning', text: `Fixed permissions on ${report.fixed.length} file(s) in ${home}` });
  }
  const restore = (code: number) => {
    dashboard.destroy();
    exitSaving(code);
  };
  process.on('SIGTERM', () => restore(0));
  process.on('SIGHUP', () => restore(0));
  process.on('uncaughtException', (err) => {
    dashboard.destroy();
    process.stderr.write(`pyra: unexpected error: ${err.stack ?? err.message}\n`);
    process.exit(1);
  });
}
