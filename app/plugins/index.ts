/** The plugin host's public surface. Everything else in app/plugins/ is internal. */
export { createToolHost, type PyraToolHost, type ToolHostOptions } from './tool-host.js';
export type { Prompter, PromptRequest } from './plugin-process.js';
export { runPluginSetup, describePlugin, type PluginSetupOptions } from './standalone-plugin.js';
export { installPlugin, listBundledPlugins, type InstallResult } from './install.js';
export { readPluginState, updatePluginEntry, checkGrantablePath } from './plugin-state.js';
export { readMcpConfig, updateMcpConfig, checkServerConfig, type McpServerConfig } from './mcp-config.js';
export { toolId, NAME_PATTERN } from './names.js';
export { RESULT_CAP_BYTES } from './result-text.js';
export type * from './types.js';
