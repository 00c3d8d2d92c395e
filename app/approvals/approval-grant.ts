import type { ApprovalGrant } from '../plugins/types.js';

/**
 * Grants are issued only here, by the approval service, and remembered (weakly) so the host can
 * check that a grant it is handed really came from a decision and was not built by hand.
 */
const issued = new WeakSet<ApprovalGrant>();

export function issueGrant(requestId: string, toolId: string, args: unknown, decidedBy: ApprovalGrant['decidedBy']): ApprovalGrant {
  const grant: ApprovalGrant = Object.freeze({ requestId, toolId, args, decidedBy });
  issued.add(grant);
  return grant;
}

export function isIssuedGrant(grant: ApprovalGrant): boolean {
  return issued.has(grant);
}
