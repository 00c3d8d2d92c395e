import { copyFileSync, chmodSync, existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { checkSchema, type SchemaNode } from './schema-check.js';
import { configDocumentSchema, type PyraConfig } from './schema.js';

/** A config file Pyra cannot use. The message names the file, the problem and the repair. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
    readonly backup: string | null,
  ) {
    super(
      `Pyra cannot read its config file ${file}:\n  ${problem}\n` +
        (backup ? `A copy of the file as it is now was saved to ${backup}.\n` : '') +
        `To repair it, fix the file in an editor, or run \`pyra config reset\` to set it aside and start with defaults.`,
    );
    this.name = 'ConfigError';
  }
}

/** Where the copy of a config file that failed to load is kept. */
export function corruptCopyPath(file: string): string {
  return `${file}.corrupt`;
}

function keepCopy(file: string): string | null {
  const copy = corruptCopyPath(file);
  try {
    copyFileSync(file, copy);
    chmodSync(copy, 0o600);
    return copy;
  } catch {
    return null;
  }
}

function describeJsonError(text: string, err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const pos = /position (\d+)/.exec(message);
  if (!pos) return `it is not valid JSON (${message})`;
  const offset = Number(pos[1]);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `it is not valid JSON (line ${line}, column ${column}: ${message})`;
}

/**
 * Reads and validates config.json without loading conf/ajv (start-up path). A missing file is an
 * empty config; an unreadable, malformed or invalid one throws ConfigError and the file is left in
 * place, with a copy beside it.
 */
export function readConfig(file: string): PyraConfig {
  if (!existsSync(file)) return {};
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(file, `it cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`, null);
  }
  if (text.trim() === '') return {};
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(file, describeJsonError(text, err), keepCopy(file));
  }
  const problems = checkSchema(configDocumentSchema as SchemaNode, data);
  if (problems.length > 0) {
    const list = problems.slice(0, 5).map((p) => `${p.path} ${p.message}`).join('; ');
    throw new ConfigError(file, `${basename(file)} has invalid settings: ${list}`, keepCopy(file));
  }
  return data as PyraConfig;
}
