import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

/**
 * Stored approval rules (`<home>/permissions.json`, mode 600): allow, ask or deny a plugin's tools
 * (`tool: '*'`) or one tool, optionally only when arguments match patterns. Deny wins over allow;
 * anything unmatched is asked.
 */
export type RuleDecision = 'allow' | 'ask' | 'deny';

export interface PermissionRule {
  id: string;
  plugin: string;
  /** a tool name, or '*' for every tool of the plugin */
  tool: string;
  decision: RuleDecision;
  /** argument name → regular expression the argument (as text) must match in full */
  args?: Record<string, string>;
  created: string;
}

export interface PermissionsStore {
  file: string;
  rules(): PermissionRule[];
  /** problems found in the file (bad JSON, bad rules); bad rules are ignored, never guessed */
  problems(): string[];
  add(rule: Omit<PermissionRule, 'id' | 'created'>): PermissionRule;
  remove(id: string): boolean;
  /** the decision for a call, and the rule that made it */
  evaluate(plugin: string, tool: string, args: unknown): { decision: RuleDecision; rule?: PermissionRule };
}

const MAX_PATTERN = 500;

function argText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value ?? null);
}

function compile(pattern: string): RegExp | null {
  if (pattern.length > MAX_PATTERN) return null;
  try {
    return new RegExp(`^(?:${pattern})$`, 'su');
  } catch {
    return null;
  }
}

function matches(rule: PermissionRule, plugin: string, tool: string, args: unknown): boolean {
  if (rule.plugin !== plugin || (rule.tool !== '*' && rule.tool !== tool)) return false;
  if (!rule.args) return true;
  const given = (typeof args === 'object' && args !== null ? args : {}) as Record<string, unknown>;
  return Object.entries(rule.args).every(([name, pattern]) => {
    const re = compile(pattern);
    return re !== null && name in given && re.test(argText(given[name]));
  });
}

function validRule(r: unknown): r is PermissionRule {
  if (typeof r !== 'object' || r === null) return false;
  const x = r as Record<string, unknown>;
  const name = /^[a-z0-9][a-z0-9_-]{0,63}$/;
  return (
    typeof x.id === 'string' &&
    typeof x.plugin === 'string' &&
    name.test(x.plugin) &&
    typeof x.tool === 'string' &&
    (x.tool === '*' || name.test(x.tool)) &&
    (x.decision === 'allow' || x.decision === 'ask' || x.decision === 'deny') &&
    (x.args === undefined ||
      (typeof x.args === 'object' && x.args !== null && Object.values(x.args).every((p) => typeof p === 'string' && compile(p) !== null)))
  );
}

export function openPermissionsStore(home: string): PermissionsStore {
  const file = join(home, 'permissions.json');
  let cache: { rules: PermissionRule[]; problems: string[] } | null = null;

  const load = () => {
    if (cache) return cache;
    const rules: PermissionRule[] = [];
    const problems: string[] = [];
    if (existsSync(file)) {
      try {
        const data = JSON.parse(readFileSync(file, 'utf8')) as { rules?: unknown };
        const list = Array.isArray(data.rules) ? data.rules : [];
        list.forEach((r, i) => {
          if (validRule(r)) rules.push(r);
          else problems.push(`${file}: rule ${i + 1} is not valid and is ignored`);
        });
      } catch (err) {
        problems.push(`${file} is not valid JSON (${(err as Error).message}); no stored rules apply until it is fixed`);
      }
    }
    cache = { rules, problems };
    return cache;
  };

  const save = (rules: PermissionRule[]) => {
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ version: 1, rules }, null, 2) + '\n', { mode: 0o600 });
    chmodSync(tmp, 0o600);
    renameSync(tmp, file);
    cache = { rules, problems: [] };
  };

  return {
    file,
    rules: () => [...load().rules],
    problems: () => [...load().problems],
    add(rule) {
      const full: PermissionRule = { ...rule, id: `r${randomBytes(4).toString('hex')}`, created: new Date().toISOString() };
      if (!validRule(full)) throw new Error('That rule is not valid (plugin and tool names, decision, argument patterns).');
      if (load().problems.some((p) => p.includes('not valid JSON'))) {
        throw new Error(`${file} cannot be read; fix or remove it before adding rules (nothing was overwritten).`);
      }
      save([...load().rules, full]);
      return full;
    },
    remove(id) {
      const rules = load().rules;
      const next = rules.filter((r) => r.id !== id);
      if (next.length === rules.length) return false;
      save(next);
      return true;
    },
    evaluate(plugin, tool, args) {
      const rules = load().rules.filter((r) => matches(r, plugin, tool, args));
      const deny = rules.find((r) => r.decision === 'deny');
      if (deny) return { decision: 'deny', rule: deny };
      const ask = rules.find((r) => r.decision === 'ask');
      if (ask) return { decision: 'ask', rule: ask };
      const allow = rules.find((r) => r.decision === 'allow');
      if (allow) return { decision: 'allow', rule: allow };
      return { decision: 'ask' };
    },
  };
}
