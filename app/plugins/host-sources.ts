/**
 * What the host should run, read fresh from disk: the plugin folders with their enable state and
 * grants, and the MCP servers of mcp.json. Each becomes a SourceSpec: something that can be
 * started, or a status saying why not.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { homePaths } from '../config/home.js';
import type { PluginErrorLog } from './error-log.js';
import { discoverPlugins, inspectPluginFolder, type DiscoveredPlugin } from './discovery.js';
import { readMcpConfig, type McpServerConfig } from './mcp-config.js';
import { pluginEntry } from './plugin-state.js';
import type { PluginStatus } from './types.js';

export type SourceSpec =
  | { kind: 'plugin'; name: string; plugin: DiscoveredPlugin; enabled: boolean; grantedReads: string[] }
  | { kind: 'mcp'; name: string; config?: McpServerConfig; problem?: string };

export function baseStatus(spec: SourceSpec): PluginStatus {
  const status: PluginStatus = { name: spec.name, kind: spec.kind, state: 'starting', tools: [], slashCommands: [] };
  if (spec.kind === 'plugin' && spec.plugin.manifest) {
    status.version = spec.plugin.manifest.version;
    if (spec.plugin.manifest.description) status.description = spec.plugin.manifest.description;
  }
  if (spec.kind === 'mcp' && spec.config) {
    status.description = spec.config.transport === 'stdio' ? `MCP server (${spec.config.command})` : `MCP server (${spec.config.url})`;
  }
  return status;
}

/** The state a spec starts in: failed or disabled with the reason, or 'starting'. */
export function initialStatus(spec: SourceSpec): PluginStatus {
  const status = baseStatus(spec);
  if (spec.kind === 'plugin') {
    if (spec.plugin.problem) return { ...status, state: 'failed', reason: spec.plugin.problem };
    if (!spec.enabled) return { ...status, state: 'disabled', reason: `not enabled (pyra plugin enable ${spec.name})` };
  } else {
    if (spec.problem || !spec.config) return { ...status, state: 'failed', reason: spec.problem ?? 'not configured' };
    if (!spec.config.enabled) return { ...status, state: 'disabled', reason: `disabled (pyra mcp enable ${spec.name})` };
  }
  return status;
}

/** Granted read paths that still exist; a vanished one is logged and left out. */
function liveGrants(name: string, grants: Record<string, string>, plugin: DiscoveredPlugin, errorLog: PluginErrorLog): string[] {
  const asked = new Set(plugin.manifest?.permissions.read ?? []);
  const out: string[] = [];
  for (const [path, real] of Object.entries(grants)) {
    if (!asked.has(path)) continue; // the manifest no longer asks for it
    if (existsSync(real)) out.push(real);
    else errorLog.event(name, `granted read path ${real} no longer exists; not passed to the plugin`);
  }
  return out;
}

export function pluginSpec(home: string, plugin: DiscoveredPlugin, errorLog: PluginErrorLog): SourceSpec {
  const entry = pluginEntry(home, plugin.name);
  return { kind: 'plugin', name: plugin.name, plugin, enabled: entry.enabled, grantedReads: liveGrants(plugin.name, entry.grantedReads, plugin, errorLog) };
}

/** Re-reads one plugin folder (after a fix, for restart). */
export function refreshPluginSpec(home: string, name: string, errorLog: PluginErrorLog): SourceSpec | null {
  const path = join(homePaths(home).plugins, name);
  if (!existsSync(path)) return null;
  return pluginSpec(home, inspectPluginFolder(path, name), errorLog);
}

export function readSourceSpecs(home: string, errorLog: PluginErrorLog, include: { plugins: boolean; mcp: boolean }): SourceSpec[] {
  const specs: SourceSpec[] = [];
  const pluginNames = new Set<string>();
  if (include.plugins) {
    for (const plugin of discoverPlugins(home)) {
      specs.push(pluginSpec(home, plugin, errorLog));
      pluginNames.add(plugin.name);
    }
  }
  if (include.mcp) {
    const config = readMcpConfig(home);
    for (const [name, problem] of Object.entries(config.invalid)) specs.push({ kind: 'mcp', name, problem });
    for (const [name, server] of Object.entries(config.servers)) {
      if (pluginNames.has(name)) specs.push({ kind: 'mcp', name, problem: `a plugin is already named ${name}` });
      else specs.push({ kind: 'mcp', name, config: server });
    }
  }
  return specs;
}
