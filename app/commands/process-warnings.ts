import { appendFileSync } from 'node:fs';

/**
 * Node prints process warnings (deprecations, experimental features) to stderr, which would land
 * in the middle of the dashboard. While it runs they go to a log file (mode 600) instead.
 */
export function logProcessWarnings(file: string): void {
  process.removeAllListeners('warning');
  process.on('warning', (warning) => {
    try {
      appendFileSync(file, `${new Date().toISOString()} ${warning.name}: ${warning.message}\n`, { mode: 0o600 });
    } catch {
      // a warning is never worth a crash
    }
  });
}
