import type { CommandModule } from 'yargs';
import { readConfig } from '../config/config-file.js';
import { resetConfig } from '../config/config-store.js';
import { homePaths, pyraHome } from '../config/home.js';

/** `pyra config path|check|reset`: find, validate, or set aside the config file. */
export const configCommand: CommandModule = {
  command: 'config <action>',
  describe: 'Inspect or repair the config file (path, check, reset)',
  builder: (y) =>
    y.positional('action', { choices: ['path', 'check', 'reset'] as const, describe: 'path: print where it is; check: validate it; reset: set it aside and use defaults' }),
  handler: (args) => {
    const file = homePaths(pyraHome()).config;
    switch (args.action) {
      case 'path':
        process.stdout.write(file + '\n');
        return;
      case 'check':
        readConfig(file);
        process.stdout.write(`${file} is valid.\n`);
        return;
      case 'reset': {
        const aside = resetConfig(file);
        process.stdout.write(aside ? `Moved ${file} to ${aside}; Pyra starts with defaults.\n` : `${file} does not exist; nothing to reset.\n`);
        return;
      }
    }
  },
};
