import { COMMANDS, type Category, type CommandId } from './commands.js';
import { keyLabel } from './key-names.js';
import type { Keymap, Scope } from './keymap.js';

const CATEGORY_ORDER: Category[] = ['App', 'Focus', 'Chat', 'Conversations', 'Memory', 'Editor', 'Plugins', 'Approvals', 'Navigation', 'Dialogs'];
const SCOPE_NOTE: Record<Scope, string> = { global: 'everywhere', chat: 'Chat', memory: 'Memory', plugins: 'Plugins', modal: 'dialogs', approval: 'the approval dialog', editor: 'the editor' };

export interface HelpRow {
  category: Category;
  keys: string;
  description: string;
  where: string;
}

/**
 * Every binding of the keymap grouped by category: one row per command and key set, naming the
 * scopes it works in (none when it works everywhere).
 */
export function helpRows(keymap: Keymap): HelpRow[] {
  const merged = new Map<string, { command: CommandId; keys: string[]; scopes: Scope[] }>();
  const perScope = new Map<string, string[]>();
  for (const b of keymap.bindings) {
    const id = `${b.command}@${b.scope}`;
    perScope.set(id, [...(perScope.get(id) ?? []), ...b.keys]);
  }
  for (const [id, keys] of perScope) {
    if (keys.length === 0) continue;
    const [command, scope] = id.split('@') as [CommandId, Scope];
    const group = `${command}@${keys.join(',')}`;
    const entry = merged.get(group) ?? { command, keys, scopes: [] };
    entry.scopes.push(scope);
    merged.set(group, entry);
  }
  const rows: HelpRow[] = [];
  for (const category of CATEGORY_ORDER) {
    for (const e of merged.values()) {
      const info = COMMANDS[e.command];
      if (info.category !== category) continue;
      const where = e.scopes.includes('global') ? '' : e.scopes.map((s) => SCOPE_NOTE[s]).join(', ');
      rows.push({ category, keys: e.keys.map(keyLabel).join(' / '), description: info.description, where });
    }
  }
  return rows;
}

/** Plain text lines of the overlay (the widget adds colour). */
export function helpText(keymap: Keymap): { heading: boolean; text: string }[] {
  const rows = helpRows(keymap);
  const keyWidth = Math.max(...rows.map((r) => r.keys.length)) + 2;
  const out: { heading: boolean; text: string }[] = [];
  let category: Category | null = null;
  for (const r of rows) {
    if (r.category !== category) {
      if (category !== null) out.push({ heading: false, text: '' });
      category = r.category;
      out.push({ heading: true, text: r.category });
    }
    out.push({ heading: false, text: `  ${r.keys.padEnd(keyWidth)}${r.description}${r.where ? ` (in ${r.where})` : ''}` });
  }
  return out;
}

/** The README's key list, generated from the same table (a test keeps the README in step). */
export function keysMarkdown(keymap: Keymap): string {
  const rows = helpRows(keymap);
  const out = ['| Keys | What it does | Where |', '| --- | --- | --- |'];
  for (const r of rows) out.push(`| ${r.keys.replace(/\|/g, '\\|')} | ${r.description} | ${r.where || 'everywhere'} |`);
  return out.join('\n');
}
