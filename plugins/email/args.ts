/**
 * Reading tool arguments. The chat loop checks them against the JSON schema already, but calls from
 * the sidebar or `pyra tool run` may not be, so every handler reads its arguments through these.
 */
import { EmailToolError } from './account.js';

export type Args = Record<string, unknown>;

const invalid = (message: string) => new EmailToolError('invalid argument', message);

export function optionalString(args: Args, name: string): string | undefined {
  const value = args[name];
  if (value === undefined || value === null || value === '') return undefined;
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

export function requiredUid(args: Args): number {
  const uid = optionalInteger(args, 'uid', 1, 2 ** 32 - 1);
  if (uid === undefined) throw invalid('uid is required (from email__list_messages or email__search).');
  return uid;
}

/** A list of addresses given as an array or as one comma-separated string. */
export function addressList(args: Args, name: string): string[] | undefined {
  const value = args[name];
  if (value === undefined || value === null || value === '') return undefined;
  const list = Array.isArray(value) ? value : [value];
  if (list.some((entry) => typeof entry !== 'string')) throw invalid(`${name} must be an address or a list of addresses.`);
  const out = (list as string[]).flatMap((entry) => entry.split(',')).map((entry) => entry.trim()).filter(Boolean);
  return out.length ? out : undefined;
}

/** The address itself, lower-cased: "Bob <bob@x.org>" → "bob@x.org". */
export function bareAddress(entry: string): string {
  return (/<([^>]+)>\s*$/.exec(entry)?.[1] ?? entry).trim().toLowerCase();
}

// ---- JSON-schema fragments shared by the tool definitions ----

export const FOLDER = { type: 'string', description: 'Folder path as email__list_folders shows it (default INBOX).' };
export const UID = { type: 'integer', minimum: 1, description: 'The message uid from email__list_messages or email__search.' };
export const ADDRESSES = {
  type: 'array',
  items: { type: 'string' },
  description: 'Addresses, each "a@b.org" or "Name <a@b.org>".',
};
