// Prints the README's key table from the default keymap: `node --import tsx scripts/print-keys.ts`.
import { keysMarkdown } from '../app/input/help-rows.js';
import { DEFAULT_BINDINGS, createKeymap } from '../app/input/keymap.js';

process.stdout.write(keysMarkdown(createKeymap(DEFAULT_BINDINGS)) + '\n');
