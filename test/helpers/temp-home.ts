import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TempHome {
  /** An empty, private folder under the OS temp dir. */
  home: string;
  /** Removes the folder and everything in it; safe to call twice. */
  cleanup: () => void;
}

/** A throw-away folder to use as HOME or PYRA_HOME, so no test ever touches the real `~/.pyra`. */
export function makeTempHome(prefix = 'pyra-test-'): TempHome {
  const home = mkdtempSync(join(tmpdir(), prefix));
  return {
    home,
    cleanup: () => rmSync(home, { recursive: true, force: true }),
  };
}
