/** Nextcloud's tool arguments: the shared readers, and the fields an update gives. */
import { argReaders, type Args } from '../shared/tool-args.js';
import { NextcloudToolError } from './account.js';

export type { Args };

const invalid = (message: string) => new NextcloudToolError('invalid argument', message);

export const { optionalString, requiredString, optionalBoolean, optionalInteger, optionalStringList } = argReaders(invalid);

/** Only the named fields that were given (an empty string is given: it clears the field). */
export function givenFields<K extends string>(args: Args, names: readonly K[]): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const name of names) {
    const value = optionalString(args, name);
    if (value !== undefined) out[name] = value;
  }
  return out;
}
