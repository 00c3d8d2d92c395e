import { runDashboard } from './commands/dashboard.js';
import { dashboardArgs } from './commands/dashboard-args.js';
import { exitWithStartupFailure } from './startup-failure.js';

export function main(argv: string[]): void {
  const dash = dashboardArgs(argv);
  const run = dash
    ? runDashboard(dash)
    : import('./cli.js').then((m) => m.runCli(argv));
  run.catch(exitWithStartupFailure);
}
