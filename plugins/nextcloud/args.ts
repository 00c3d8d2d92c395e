/**
 * Reading tool arguments. The chat loop checks them against the JSON schema already, but calls from
 * the sidebar or `pyra tool run` may not be, so every handler reads its arguments through these.
 */
import { NextcloudToolError } from './account.js';

export type Args = Record<string, unknown>;

const invalid = (message: string) => new NextcloudToolError('invalid argument', message);

export function optionalString(args: Args, name: string): string | undefined {
  const value = args[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalid(`${name} must be text.`);
  return value;
}

export function requiredString(args: Args, name: string): string {
  const value = optionalString(args, name);
  if (value === undefined || !value.trim()) throw invalid(`${name} is required.`);
  return value;
}

export function optionalBoolean(args: Args, name: string): boolean | undefined {
  const value = args[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw invalid(`${name} must be true or false.`);
  return value;
}

export function optionalInteger(args: Args, name: string, min: number, max: number): number | undefined {
  const value = args[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) throw invalid(`${name} must be a whole number from ${min} to ${max}.`);
  return value;
}

export function optionalStringList(args: Args, name: string): string[] | undefined {
  const value = args[name];
  if (value === undefined || value === null) return undefined;
  const list = Array.isArray(value) ? value : [value];
  if (list.some((entry) => typeof entry !== 'string')) throw invalid(`${name} must be a list of text values.`);
  return (list as string[]).map((entry) => entry.trim()).filter(Boolean);
}

/** Only the named fields that were given (an empty string is given: it clears the field). */
export function givenFields<K extends string>(args: Args, names: readonly K[]): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const name of names) {
    const value = optionalString(args, name);
    if (value !== undefined) out[name] = value;
  }
  return out;
}
