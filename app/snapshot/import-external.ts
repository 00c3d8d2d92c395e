/**
 * Loads an npm package at run time, as `import(specifier)` does. Code in the start-up snapshot
 * cannot use `import()` itself (V8 has no loader for it there), so the snapshot's main function
 * installs a loader here first; everywhere else this is a plain dynamic import.
 */
type Importer = (specifier: string) => Promise<unknown>;

let importer: Importer = (specifier) => import(specifier);

export function setExternalImporter(load: Importer): void {
  importer = load;
}

export function importExternal<T>(specifier: string): Promise<T> {
  return importer(specifier) as Promise<T>;
}
