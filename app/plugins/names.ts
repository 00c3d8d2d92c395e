/**
 * Names of plugins, MCP servers and tools, and the tool ids sent to models (`<plugin>__<tool>`).
 * The same pattern as a vault key segment, so a plugin's name is always a valid `plugin:<name>:*`.
 */

export const NAME_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;
export const TOOL_ID_SEPARATOR = '__';

export function isValidName(name: unknown): name is string {
  return typeof name === 'string' && NAME_PATTERN.test(name);
}

/** Why `name` is not a valid plugin/tool name, or null when it is. */
export function nameProblem(name: unknown, what: string): string | null {
  if (typeof name !== 'string' || name === '') return `${what} name is missing`;
  if (!NAME_PATTERN.test(name)) {
    return `${what} name ${JSON.stringify(name.slice(0, 80))} is not allowed (lowercase letters, digits, "_" or "-", 1-64 characters, starting with a letter or digit)`;
  }
  return null;
}

/**
 * Ids are looked up, never parsed: names may contain "__" themselves, so two (plugin, tool) pairs can
 * spell the same id; the host refuses the second one.
 */
export function toolId(plugin: string, tool: string): string {
  return `${plugin}${TOOL_ID_SEPARATOR}${tool}`;
}


/**
 * A tool name from an external MCP server, made to fit NAME_PATTERN (servers name tools freely:
 * `readFile`, `fs.read`). Null when nothing usable is left.
 */
export function sanitizeToolName(name: string): string | null {
  const cleaned = name
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '_')
    .replace(/^[_-]+/, '')
    .slice(0, 64);
  return NAME_PATTERN.test(cleaned) ? cleaned : null;
}
