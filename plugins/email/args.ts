/** Email's tool arguments: the shared readers (empty text counts as missing), uids and addresses. */
import { argReaders, type Args } from '../shared/tool-args.js';
import { EmailToolError } from './account.js';

export type { Args };

const invalid = (message: string) => new EmailToolError('invalid argument', message);

export const { optionalString, requiredString, optionalBoolean, optionalInteger } = argReaders(invalid, { emptyIsMissing: true });

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
