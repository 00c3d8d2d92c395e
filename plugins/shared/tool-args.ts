/**
 * Reading tool arguments, shared by the bundled plugins (esbuild inlines it into each bundle). The
 * chat loop checks arguments against the JSON schema already, but calls from the sidebar or
 * `pyra tool run` may not be, so every handler reads its arguments through these.
 */

export type Args = Record<string, unknown>;

/** A tool failure the runner reports as "<label>: <message>". */
export class PluginToolError extends Error {
  constructor(label: string, message: string) {
    super(message);
    this.name = label;
  }
}

export interface ArgReaderOptions {
  /** treat '' like a missing value (email: an empty filter means no filter) */
  emptyIsMissing?: boolean;
}

export function argReaders(invalid: (message: string) => Error, options: ArgReaderOptions = {}) {
  const missing = (value: unknown) => value === undefined || value === null || (options.emptyIsMissing === true && value === '');

  function optionalString(args: Args, name: string): string | undefined {
    const value = args[name];
    if (missing(value)) return undefined;
    if (typeof value !== 'string') throw invalid(`${name} must be text.`);
    return value;
  }

  function requiredString(args: Args, name: string): string {
    const value = optionalString(args, name);
    if (value === undefined || !value.trim()) throw invalid(`${name} is required.`);
    return value;
  }

  function optionalBoolean(args: Args, name: string): boolean | undefined {
    const value = args[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'boolean') throw invalid(`${name} must be true or false.`);
    return value;
  }

  function optionalInteger(args: Args, name: string, min: number, max: number): number | undefined {
    const value = args[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) throw invalid(`${name} must be a whole number from ${min} to ${max}.`);
    return value;
  }

  function optionalStringList(args: Args, name: string): string[] | undefined {
    const value = args[name];
    if (value === undefined || value === null) return undefined;
    const list = Array.isArray(value) ? value : [value];
    if (list.some((entry) => typeof entry !== 'string')) throw invalid(`${name} must be a list of text values.`);
    return (list as string[]).map((entry) => entry.trim()).filter(Boolean);
  }

  return { optionalString, requiredString, optionalBoolean, optionalInteger, optionalStringList };
}
