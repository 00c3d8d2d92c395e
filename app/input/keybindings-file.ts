import { existsSync, readFileSync } from 'node:fs';
import { isCommandId } from './commands.js';
import { isValidKeyName, keyLabel } from './key-names.js';
import { DEFAULT_BINDINGS, SCOPES, findConflicts, type Binding, type Scope } from './keymap.js';

export interface KeybindingsResult {
  bindings: Binding[];
  problems: string[];
}

/**
 * Applies `keybindings.json` to the defaults. The file maps scope → command → keys; a list replaces
 * that command's keys in that scope, `[]` unbinds it. Bad entries are reported and skipped, one by
 * one, so a typo never costs the user their other overrides. Ctrl-C always quits.
 */
export function applyKeybindings(file: string): KeybindingsResult {
  const problems: string[] = [];
  if (!existsSync(file)) return { bindings: [...DEFAULT_BINDINGS], problems };
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    return { bindings: [...DEFAULT_BINDINGS], problems: [`${file} is not valid JSON (${(err as Error).message}); using the default keys`] };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { bindings: [...DEFAULT_BINDINGS], problems: [`${file} must hold an object of scopes; using the default keys`] };
  }
  let bindings: Binding[] = DEFAULT_BINDINGS.map((b) => ({ ...b, keys: [...b.keys] }));
  for (const [scopeName, commands] of Object.entries(data)) {
    if (!SCOPES.includes(scopeName as Scope)) {
      problems.push(`Unknown scope "${scopeName}" (known: ${SCOPES.join(', ')})`);
      continue;
    }
    const scope = scopeName as Scope;
    if (typeof commands !== 'object' || commands === null || Array.isArray(commands)) {
      problems.push(`Scope "${scope}" must map command ids to lists of keys`);
      continue;
    }
    for (const [command, keys] of Object.entries(commands as Record<string, unknown>)) {
      if (!isCommandId(command)) {
        problems.push(`Unknown command "${command}" in scope "${scope}"`);
        continue;
      }
      if (!Array.isArray(keys) || keys.some((k) => typeof k !== 'string')) {
        problems.push(`${scope}.${command} must be a list of key names`);
        continue;
      }
      const bad = (keys as string[]).filter((k) => !isValidKeyName(k));
      if (bad.length > 0) {
        problems.push(`${scope}.${command}: unknown key name ${bad.map((k) => `"${k}"`).join(', ')} (examples: "C-s", "M-x", "f5", "S-tab", "q")`);
        continue;
      }
      bindings = bindings.filter((b) => !(b.scope === scope && b.command === command));
      if (keys.length > 0) bindings.unshift({ scope, command, keys: keys as string[] });
    }
  }
  for (const c of findConflicts(bindings)) {
    problems.push(`${keyLabel(c.key)} is bound twice in "${c.scope}": ${c.commands.join(' and ')}; ${c.commands[0]} wins`);
  }
  if (!bindings.some((b) => b.scope === 'global' && b.command === 'app.quit' && b.keys.includes('C-c'))) {
    bindings.push({ scope: 'global', command: 'app.quit', keys: ['C-c'] });
  }
  return { bindings, problems };
}
