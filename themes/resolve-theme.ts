import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkSchema, type SchemaNode } from '../app/config/schema-check.js';
import { BUILTIN_THEMES, type ThemeDefinition } from './builtin.js';
import { DEFAULT_TOKEN_MAP, TOKEN_NAMES, type Theme, type TokenName, type TokenSpec, type TokenStyle } from './tokens.js';

const BLESSED_COLORS = new Set([
  'default', 'black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white', 'gray', 'grey',
  'lightblack', 'lightred', 'lightgreen', 'lightyellow', 'lightblue', 'lightmagenta', 'lightcyan', 'lightwhite',
  'brightblack', 'brightred', 'brightgreen', 'brightyellow', 'brightblue', 'brightmagenta', 'brightcyan', 'brightwhite',
]);

export function isColor(value: string): boolean {
  return /^#[0-9a-fA-F]{6}$/.test(value) || BLESSED_COLORS.has(value);
}

const tokenSpecSchema: SchemaNode = {
  type: 'object',
  additionalProperties: false,
  properties: {
    fg: { type: 'string', maxLength: 64 },
    bg: { type: 'string', maxLength: 64 },
    bold: { type: 'boolean' },
    underline: { type: 'boolean' },
    inverse: { type: 'boolean' },
  },
};

const userThemeSchema: SchemaNode = {
  type: 'object',
  additionalProperties: false,
  properties: {
    name: { type: 'string', maxLength: 64 },
    description: { type: 'string', maxLength: 200 },
    extends: { type: 'string', enum: Object.keys(BUILTIN_THEMES) },
    palette: { type: 'object' },
    tokens: {
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries(TOKEN_NAMES.map((t) => [t, tokenSpecSchema])),
    },
  },
};

function resolveColor(value: string | undefined, palette: Record<string, string>, where: string, problems: string[]): string | undefined {
  if (value === undefined) return undefined;
  const color = palette[value] ?? value;
  if (!isColor(color)) {
    problems.push(`${where}: "${value}" is neither a palette entry nor a colour (#rrggbb or a terminal colour name)`);
    return undefined;
  }
  return color;
}

/** Turns a definition into concrete token styles; problems collects what was wrong. */
export function buildTheme(def: ThemeDefinition, problems: string[] = []): Theme {
  const color = def.color !== false;
  const tokens = {} as Record<TokenName, TokenStyle>;
  for (const name of TOKEN_NAMES) {
    const spec: TokenSpec = def.tokens?.[name] ?? (color ? DEFAULT_TOKEN_MAP[name] : {});
    tokens[name] = {
      fg: color ? resolveColor(spec.fg, def.palette, `${def.name}.${name}.fg`, problems) : undefined,
      bg: color ? resolveColor(spec.bg, def.palette, `${def.name}.${name}.bg`, problems) : undefined,
      bold: spec.bold ?? false,
      underline: spec.underline ?? false,
      inverse: spec.inverse ?? false,
    };
  }
  return { name: def.name, color, tokens };
}

/** Loads `<themesDir>/<name>.json`, validated. Returns null with problems when unusable. */
export function loadUserTheme(themesDir: string, name: string, problems: string[]): ThemeDefinition | null {
  if (!/^[a-z0-9][a-z0-9_-]{0,63}$/.test(name)) {
    problems.push(`Theme name "${name}" is not valid (lower-case letters, digits, - and _)`);
    return null;
  }
  const file = join(themesDir, `${name}.json`);
  if (!existsSync(file)) return null;
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    problems.push(`Theme file ${file} is not valid JSON: ${(err as Error).message}`);
    return null;
  }
  const schemaProblems = checkSchema(userThemeSchema, data);
  if (schemaProblems.length > 0) {
    problems.push(`Theme file ${file}: ${schemaProblems.slice(0, 3).map((p) => `${p.path} ${p.message}`).join('; ')}`);
    return null;
  }
  const user = data as { extends?: string; palette?: Record<string, unknown>; tokens?: Record<TokenName, TokenSpec>; description?: string };
  const base = BUILTIN_THEMES[user.extends ?? 'dark']!;
  const palette: Record<string, string> = { ...base.palette };
  for (const [key, value] of Object.entries(user.palette ?? {})) {
    if (typeof value !== 'string' || !isColor(value)) {
      problems.push(`Theme file ${file}: palette.${key} must be a colour (#rrggbb or a terminal colour name)`);
      return null;
    }
    palette[key] = value;
  }
  return { name, description: user.description ?? `User theme ${name}`, color: base.color, palette, tokens: { ...base.tokens, ...user.tokens } };
}

export interface ThemeChoice {
  flag?: string;
  configured?: string;
  noColorEnv?: boolean;
  themesDir: string;
}

/** Picks the theme: --theme, then NO_COLOR, then the config key, then dark. Never throws. */
export function chooseTheme(choice: ThemeChoice): { theme: Theme; problems: string[] } {
  const problems: string[] = [];
  const wanted = choice.flag ?? (choice.noColorEnv ? 'no-color' : choice.configured) ?? 'dark';
  let def: ThemeDefinition | null = BUILTIN_THEMES[wanted] ?? loadUserTheme(choice.themesDir, wanted, problems);
  if (!def) {
    if (problems.length === 0) {
      problems.push(`Theme "${wanted}" not found. Built-in: ${Object.keys(BUILTIN_THEMES).join(', ')}; your own go in ${choice.themesDir}/NAME.json`);
    }
    def = choice.noColorEnv ? BUILTIN_THEMES['no-color']! : BUILTIN_THEMES.dark!;
  }
  const theme = buildTheme(def, problems);
  return { theme, problems };
}
