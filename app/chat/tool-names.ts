import { createHash } from 'node:crypto';

/** OpenAI-compatible APIs refuse function names over 64 characters; ids are `<plugin>__<tool>` (≤ 130). */
export const MAX_TOOL_NAME = 64;

/** The name a tool is offered to the model under: its id, or a shortened id with a hash when too long. */
export function modelToolName(id: string): string {
  if (id.length <= MAX_TOOL_NAME) return id;
  const hash = createHash('sha256').update(id).digest('hex').slice(0, 8);
  return `${id.slice(0, MAX_TOOL_NAME - hash.length - 1)}_${hash}`;
}

/** The tool id for a name the model used (unknown names pass through, to be reported as unknown). */
export function toolIdFromModelName(name: string, ids: Iterable<string>): string {
  for (const id of ids) if (modelToolName(id) === name) return id;
  return name;
}
