import { randomBytes } from 'node:crypto';
import { scanText } from '../security/injection-scanner.js';
import type { ApprovalGrant, ToolDescriptor } from '../plugins/types.js';
import type { ApprovalRequest, Risk } from '../store/state.js';
import type { Store } from '../store/store.js';
import { issueGrant } from './approval-grant.js';
import type { PermissionsStore } from './permissions-store.js';
import { logToolExecution } from './tool-log.js';

export type Decision =
  | { allowed: true; grant: ApprovalGrant; args: unknown; decidedBy: string }
  | { allowed: false; reason?: string; decidedBy: string; cancelled?: boolean };

export interface ApprovalInput {
  source: string;
  tool: ToolDescriptor;
  args: unknown;
  preview?: string;
  group?: string;
  signal?: AbortSignal;
}

export type UserChoice =
  | { kind: 'once'; args?: unknown }
  | { kind: 'session' }
  | { kind: 'always' }
  | { kind: 'deny'; reason?: string };

export interface ApprovalService {
  /** Every tool call goes through here. Resolves when a rule, a session grant or the user decides. */
  request(input: ApprovalInput): Promise<Decision>;
  /** The user's decision on a queued request (from the approval modal's keys). */
  decide(id: string, choice: UserChoice): void;
  /** What the modal needs to edit a request's arguments. */
  pending(id: string): { input: ApprovalInput; args: unknown } | undefined;
  /** Session grants (tool ids) and revocation. */
  sessionGrants(): string[];
  revokeSession(toolId: string): void;
  permissions: PermissionsStore;
}

export function riskOf(tool: ToolDescriptor): Risk {
  if (tool.annotations.destructive) return 'destructive';
  if (tool.annotations.readOnly) return 'read-only';
  return 'write';
}

function pretty(args: unknown): string {
  try {
    return JSON.stringify(args, null, 2) ?? 'null';
  } catch {
    return String(args);
  }
}

/**
 * The approval queue's service side: a policy step (stored rules, then session grants) and otherwise
 * a request in the store's queue that only a key press decides. Text inside tool arguments or results
 * can never answer: decisions come only through `decide()`, called by key handlers.
 */
export function createApprovalService(store: Store, permissions: PermissionsStore, toolLogFile: string): ApprovalService {
  const waiting = new Map<string, { input: ApprovalInput; resolve: (d: Decision) => void; args: unknown }>();
  const session = new Set<string>();

  const finish = (id: string, decision: Decision) => {
    const entry = waiting.get(id);
    if (!entry) return;
    waiting.delete(id);
    store.dispatch({ type: 'approvals/remove', ids: [id] });
    if (!decision.allowed) {
      logToolExecution(toolLogFile, {
        source: entry.input.source,
        plugin: entry.input.tool.plugin,
        tool: entry.input.tool.tool,
        decision: decision.cancelled ? 'cancelled' : 'denied',
        decidedBy: decision.decidedBy,
        args: entry.args,
        reason: decision.reason,
      });
    }
    entry.resolve(decision);
  };

  const service: ApprovalService = {
    permissions,
    async request(input) {
      const id = `a${randomBytes(4).toString('hex')}`;
      const { tool, args } = input;
      const policy = permissions.evaluate(tool.plugin, tool.tool, args);
      if (policy.decision === 'deny') {
        const decision: Decision = { allowed: false, reason: 'A stored rule denies this call.', decidedBy: `rule:${policy.rule!.id}` };
        logToolExecution(toolLogFile, { source: input.source, plugin: tool.plugin, tool: tool.tool, decision: 'denied', decidedBy: decision.decidedBy, args });
        return decision;
      }
      if (policy.decision === 'allow' && !(policy.rule === undefined)) {
        return { allowed: true, grant: issueGrant(id, tool.id, args, 'rule'), args, decidedBy: `rule:${policy.rule.id}` };
      }
      if (policy.rule === undefined && session.has(tool.id)) {
        return { allowed: true, grant: issueGrant(id, tool.id, args, 'session'), args, decidedBy: 'session' };
      }
      const argsText = pretty(args);
      const scan = scanText(argsText, { source: `tool-args:${tool.id}` });
      const request: ApprovalRequest = {
        id,
        source: input.source,
        plugin: tool.plugin,
        tool: tool.tool,
        toolId: tool.id,
        description: tool.description,
        argsText,
        risk: riskOf(tool),
        findings: scan.findings.slice(0, 10).map((f) => ({ category: f.category, severity: f.severity, excerpt: f.excerpt })),
        ...(input.preview ? { preview: input.preview } : {}),
        ...(input.group ? { group: input.group } : {}),
      };
      return new Promise<Decision>((resolve) => {
        waiting.set(id, { input, resolve, args });
        store.dispatch({ type: 'approvals/enqueue', requests: [request] });
        input.signal?.addEventListener('abort', () => finish(id, { allowed: false, reason: 'The turn was cancelled.', decidedBy: 'cancel', cancelled: true }), { once: true });
      });
    },
    decide(id, choice) {
      const entry = waiting.get(id);
      if (!entry) return;
      const { tool } = entry.input;
      if (choice.kind === 'deny') {
        finish(id, { allowed: false, reason: choice.reason, decidedBy: 'user' });
        return;
      }
      if (choice.kind === 'session') session.add(tool.id);
      if (choice.kind === 'always') permissions.add({ plugin: tool.plugin, tool: tool.tool, decision: 'allow' });
      const args = choice.kind === 'once' && choice.args !== undefined ? choice.args : entry.args;
      finish(id, { allowed: true, grant: issueGrant(id, tool.id, args, choice.kind === 'session' ? 'session' : 'user'), args, decidedBy: choice.kind === 'once' ? 'user' : `user:${choice.kind}` });
    },
    pending(id) {
      const entry = waiting.get(id);
      return entry ? { input: entry.input, args: entry.args } : undefined;
    },
    sessionGrants: () => [...session],
    revokeSession(toolId) {
      session.delete(toolId);
    },
  };
  return service;
}
