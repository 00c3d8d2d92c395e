/**
 * The plugin author's kit: types plus two identity helpers. A plugin is a folder with `manifest.json`
 * and an ES module whose default export (or `plugin` export) is a PluginDefinition.
 *
 * This module has no run-time imports on purpose: the plugin runs in a child process that cannot read
 * Pyra's source. A plain-JS plugin exports an object literal (these types in JSDoc if you like); a
 * TypeScript plugin imports `definePlugin`/`defineTool` and is bundled (both are identities and inline
 * to nothing). Everything a handler needs arrives in its `ctx`, passed by the runner.
 *
 * @example
 * // ~/.pyra/plugins/greeter/manifest.json
 * //   { "name": "greeter", "version": "1.0.0", "description": "Says hello", "entry": "plugin.mjs" }
 * // ~/.pyra/plugins/greeter/plugin.ts (bundled to plugin.mjs)
 * import { definePlugin, defineTool } from 'pyra/app/plugins/sdk.js';
 *
 * const hello = defineTool<{ who: string }>({
 *   name: 'hello',
 *   description: 'Greets someone by name.',
 *   parameters: { type: 'object', properties: { who: { type: 'string' } }, required: ['who'] },
 *   annotations: { readOnly: true },
 *   async handler({ who }, ctx) {
 *     const greeting = (await ctx.secrets.get('greeting')) ?? 'Hello';
 *     return `${greeting}, ${who}!`;
 *   },
 * });
 *
 * export default definePlugin({
 *   tools: [hello],
 *   systemPrompt: 'Use greeter__hello when the user asks to be greeted.',
 *   slashCommands: [{ name: 'hi', description: 'Say hi', handler: (args) => `hi ${args}` }],
 *   async setup(ctx) {
 *     const greeting = await ctx.prompt({ label: 'Greeting word', default: 'Hello' });
 *     await ctx.secrets.set('greeting', greeting);
 *   },
 * });
 */

export type JsonSchema = Record<string, unknown>;

/** The plugin's own secrets, `plugin:<name>:<key>` in the vault, addressed by `<key>` alone. */
export interface PluginSecrets {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<boolean>;
  list(): Promise<string[]>;
}

export interface ToolContext {
  /** The plugin's name (the folder and manifest name). */
  readonly plugin: string;
  /** Aborted when the user cancels the call or it times out: stop work and return. */
  readonly signal: AbortSignal;
  /** Fetched from the host at call time; never cache them on module-level variables. */
  readonly secrets: PluginSecrets;
  /** Written to `logs/plugin_errors.log` (redacted). stdout is reserved for the protocol. */
  log(...values: unknown[]): void;
}

export interface PromptQuestion {
  label: string;
  /** Typed input is shown as `*` and never echoed (passwords, tokens). */
  masked?: boolean;
  /** Shown to the user and returned when the answer is empty (not for masked prompts). */
  default?: string;
}

export interface SetupContext extends Omit<ToolContext, 'signal'> {
  /** Asks the person at the keyboard; only available during `setup`. */
  prompt(question: PromptQuestion): Promise<string>;
}

/** A string is returned as is; anything else is sent as JSON. */
export type ToolOutput = string | number | boolean | null | undefined | object;

export interface ToolAnnotations {
  /** The tool only reads (shown as read-only in the approval prompt). */
  readOnly?: boolean;
  /** The tool deletes or overwrites something. */
  destructive?: boolean;
}

export interface ToolDefinition<Args = Record<string, unknown>> {
  /** `^[a-z0-9][a-z0-9_-]{0,63}$`; the model sees `<plugin>__<name>`. */
  name: string;
  /** What the tool does and when to use it: the model reads this. */
  description: string;
  /** JSON schema of the arguments object; default: an object with no properties. */
  parameters?: JsonSchema;
  annotations?: ToolAnnotations;
  /** Default true. false asks the policy to skip the prompt for a read-only tool; the user may still be asked. */
  requiresApproval?: boolean;
  handler(args: Args, ctx: ToolContext): ToolOutput | Promise<ToolOutput>;
}

export interface SlashCommandDefinition {
  /** Typed as `/<name>` in the chat input. */
  name: string;
  description: string;
  /** `args` is the rest of the line after the command. */
  handler(args: string, ctx: ToolContext): ToolOutput | Promise<ToolOutput>;
}

export interface PluginDefinition {
  tools: ToolDefinition<any>[];
  slashCommands?: SlashCommandDefinition[];
  /** Added to the system prompt while the plugin is loaded. */
  systemPrompt?: string;
  /** Run by `pyra plugin setup <name>`: ask for credentials and store them in `ctx.secrets`. */
  setup?(ctx: SetupContext): void | Promise<void>;
}

export function definePlugin<T extends PluginDefinition>(plugin: T): T {
  return plugin;
}

export function defineTool<Args = Record<string, unknown>>(tool: ToolDefinition<Args>): ToolDefinition<Args> {
  return tool;
}
