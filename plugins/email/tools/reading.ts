/** Read-only tools: folders, message lists and searches, one message, and event proposals. */
import { defineTool, type ToolDefinition } from '../../../app/plugins/sdk.js';
import { pool, withAccount } from '../account.js';
import { FOLDER, UID, optionalBoolean, optionalInteger, optionalString, requiredUid, type Args } from '../args.js';
import { formatFolders, formatMessage, formatPage, formatProposals } from '../format.js';
import { extractEvents, listFolders, listMessages, readMessage, searchMessages } from '../lib/index.js';

const PAGING = {
  page_size: { type: 'integer', minimum: 1, maximum: 100, description: 'Messages per page (default 20).' },
  cursor: { type: 'string', description: 'The cursor a previous page returned, for the next (older) page.' },
};

const listFoldersTool = defineTool<Args>({
  name: 'list_folders',
  description: 'Lists the mail folders with their unread and total message counts.',
  parameters: { type: 'object', properties: {}, additionalProperties: false },
  annotations: { readOnly: true },
  handler: (_args, ctx) => withAccount(ctx, async (settings, password) => formatFolders(await listFolders(settings, password, pool))),
});

const listMessagesTool = defineTool<Args>({
  name: 'list_messages',
  description: 'Lists messages in a folder, newest first, one page at a time: uid, date, sender, subject, flags. Use read_message with a uid for the text.',
  parameters: {
    type: 'object',
    properties: {
      folder: FOLDER,
      unread_only: { type: 'boolean', description: 'Only unread messages.' },
      since: { type: 'string', description: 'Only messages received on or after this date (YYYY-MM-DD).' },
      from: { type: 'string', description: "Part of the sender's name or address." },
      ...PAGING,
    },
    additionalProperties: false,
  },
  annotations: { readOnly: true },
  handler: (args, ctx) =>
    withAccount(ctx, async (settings, password) => {
      const page = await listMessages(
        settings,
        password,
        {
          folder: optionalString(args, 'folder'),
          unreadOnly: optionalBoolean(args, 'unread_only'),
          since: optionalString(args, 'since'),
          from: optionalString(args, 'from'),
          pageSize: optionalInteger(args, 'page_size', 1, 100),
          cursor: optionalString(args, 'cursor'),
        },
        pool,
      );
      return formatPage(page);
    }),
});

const searchTool = defineTool<Args>({
  name: 'search',
  description: 'Searches one folder on the server (all criteria must match), newest first, one page at a time.',
  parameters: {
    type: 'object',
    properties: {
      folder: FOLDER,
      text: { type: 'string', description: 'Anywhere in the headers or the text.' },
      from: { type: 'string' },
      to: { type: 'string' },
      subject: { type: 'string' },
      body: { type: 'string', description: 'In the message text.' },
      since: { type: 'string', description: 'On or after this date (YYYY-MM-DD).' },
      before: { type: 'string', description: 'Before this date (YYYY-MM-DD).' },
      unread: { type: 'boolean', description: 'true: only unread messages.' },
      flagged: { type: 'boolean', description: 'true: only flagged; false: only not flagged.' },
      ...PAGING,
    },
    additionalProperties: false,
  },
  annotations: { readOnly: true },
  handler: (args, ctx) =>
    withAccount(ctx, async (settings, password) => {
      const page = await searchMessages(
        settings,
        password,
        {
          folder: optionalString(args, 'folder'),
          text: optionalString(args, 'text'),
          from: optionalString(args, 'from'),
          to: optionalString(args, 'to'),
          subject: optionalString(args, 'subject'),
          body: optionalString(args, 'body'),
          since: optionalString(args, 'since'),
          before: optionalString(args, 'before'),
          unseen: optionalBoolean(args, 'unread'),
          flagged: optionalBoolean(args, 'flagged'),
          pageSize: optionalInteger(args, 'page_size', 1, 100),
          cursor: optionalString(args, 'cursor'),
        },
        pool,
      );
      return formatPage(page, 'matching message(s)');
    }),
});

const readMessageTool = defineTool<Args>({
  name: 'read_message',
  description: 'Reads one message: headers, the text (HTML converted to text, size-capped) and the list of attachments. Does not mark it as read.',
  parameters: {
    type: 'object',
    properties: {
      folder: FOLDER,
      uid: UID,
      max_chars: { type: 'integer', minimum: 100, maximum: 200000, description: 'Cap on the text returned (default 20000 characters).' },
    },
    required: ['uid'],
    additionalProperties: false,
  },
  annotations: { readOnly: true },
  handler: (args, ctx) =>
    withAccount(ctx, async (settings, password) => {
      const detail = await readMessage(
        settings,
        password,
        { folder: optionalString(args, 'folder'), uid: requiredUid(args), maxBodyChars: optionalInteger(args, 'max_chars', 100, 200_000) },
        pool,
      );
      return formatMessage(detail);
    }),
});

const extractEventsTool = defineTool<Args>({
  name: 'extract_events',
  description:
    'Finds dates, times and places in one message and proposes calendar events (title, start, end, location). It only proposes: nothing is added to a calendar.',
  parameters: { type: 'object', properties: { folder: FOLDER, uid: UID }, required: ['uid'], additionalProperties: false },
  annotations: { readOnly: true },
  handler: (args, ctx) =>
    withAccount(ctx, async (settings, password) => {
      const result = await extractEvents(settings, password, { folder: optionalString(args, 'folder'), uid: requiredUid(args) }, pool);
      return formatProposals(result);
    }),
});

export const readingTools: ToolDefinition<Args>[] = [listFoldersTool, listMessagesTool, searchTool, readMessageTool, extractEventsTool];
