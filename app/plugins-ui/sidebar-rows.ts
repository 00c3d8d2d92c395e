import type { PluginStatus, ToolDescriptor } from '../plugins/types.js';

export type SidebarRow = { kind: 'plugin'; plugin: PluginStatus } | { kind: 'tool'; plugin: PluginStatus; tool: ToolDescriptor };

/** The sidebar's rows: each plugin (or MCP server), then its tools. */
export function sidebarRows(list: readonly PluginStatus[]): SidebarRow[] {
  return list.flatMap((plugin): SidebarRow[] => [{ kind: 'plugin', plugin }, ...plugin.tools.map((tool) => ({ kind: 'tool' as const, plugin, tool }))]);
}
