/** Tools that change messages on the server: move, read/unread, flag. */
import { defineTool, type ToolDefinition } from '../../../app/plugins/sdk.js';
import { pool, withAccount } from '../account.js';
import { FOLDER, UID, optionalBoolean, optionalString, requiredString, requiredUid, type Args } from '../args.js';
import { markRead, moveMessage, setFlagged } from '../lib/index.js';

const MESSAGE = { type: 'object', properties: { folder: FOLDER, uid: UID }, required: ['uid'], additionalProperties: false };

const moveTool = defineTool<Args>({
  name: 'move',
  description: 'Moves one message to another folder (e.g. Archive or Trash). The message gets a new uid there.',
  parameters: {
    type: 'object',
    properties: { folder: FOLDER, uid: UID, to_folder: { type: 'string', description: 'The destination folder path.' } },
    required: ['uid', 'to_folder'],
    additionalProperties: false,
  },
  annotations: { destructive: true },
  handler: (args, ctx) =>
    withAccount(ctx, async (settings, password) => {
      const moved = await moveMessage(settings, password, { folder: optionalString(args, 'folder'), uid: requiredUid(args), toFolder: requiredString(args, 'to_folder') }, pool);
      const newUid = moved.to.uid ? ` (now uid ${moved.to.uid} there)` : '';
      return `Moved message uid ${moved.from.uid} from ${moved.from.folder} to ${moved.to.folder}${newUid}.`;
    }),
});

function readStateTool(name: 'mark_read' | 'mark_unread', read: boolean): ToolDefinition<Args> {
  return defineTool<Args>({
    name,
    description: read ? 'Marks one message as read.' : 'Marks one message as unread.',
    parameters: MESSAGE,
    handler: (args, ctx) =>
      withAccount(ctx, async (settings, password) => {
        const folder = optionalString(args, 'folder') ?? 'INBOX';
        const result = await markRead(settings, password, { folder, uid: requiredUid(args), read }, pool);
        return `Message uid ${result.uid} in ${folder} is now marked ${read ? 'read' : 'unread'}.`;
      }),
  });
}

const flagTool = defineTool<Args>({
  name: 'flag',
  description: 'Flags (stars) one message, or removes the flag with flagged: false.',
  parameters: {
    type: 'object',
    properties: { folder: FOLDER, uid: UID, flagged: { type: 'boolean', description: 'true to flag (default), false to remove the flag.' } },
    required: ['uid'],
    additionalProperties: false,
  },
  handler: (args, ctx) =>
    withAccount(ctx, async (settings, password) => {
      const folder = optionalString(args, 'folder') ?? 'INBOX';
      const flagged = optionalBoolean(args, 'flagged') ?? true;
      const result = await setFlagged(settings, password, { folder, uid: requiredUid(args), flagged }, pool);
      return `Message uid ${result.uid} in ${folder} is now ${result.flagged ? 'flagged' : 'not flagged'}.`;
    }),
});

export const changingTools: ToolDefinition<Args>[] = [moveTool, readStateTool('mark_read', true), readStateTool('mark_unread', false), flagTool];
