/**
 * File tools over WebDAV. Paths are relative to the user's files (the client refuses anything that
 * would leave them). Uploading, creating folders, moving and deleting are destructive, and their
 * arguments are exactly what will be written where.
 */
import { defineTool, type ToolDefinition } from '../../../app/plugins/sdk.js';
import { withFiles } from '../account.js';
import { optionalBoolean, optionalInteger, optionalString, requiredString, type Args } from '../args.js';
import { formatFile, formatListing } from '../format.js';
import { createFolder, deleteItem, listFolder, moveItem, readFile, uploadFile } from '../lib/index.js';

const PATH = { type: 'string', description: 'A path inside your files, e.g. "Documents/notes.txt".' };
/** Tool results are capped at 64 KiB by the host; reading more would only be cut there. */
const MAX_READ = 60_000;

const listFilesTool = defineTool<Args>({
  name: 'list_files',
  description: 'Lists a folder of your files (default: the top folder): names, sizes, types, modification times.',
  parameters: { type: 'object', properties: { path: { ...PATH, description: 'The folder (default: the top folder).' } }, additionalProperties: false },
  annotations: { readOnly: true },
  handler: (args, ctx) =>
    withFiles(ctx, async (settings, password) => {
      const listing = await listFolder(settings, password, { path: optionalString(args, 'path') ?? '' });
      return formatListing(listing.path, listing.entries);
    }),
});

const readFileTool = defineTool<Args>({
  name: 'read_file',
  description: `Reads a text file (cut at max_bytes, default 20000, at most ${MAX_READ}). Binary files are not shown.`,
  parameters: {
    type: 'object',
    properties: { path: PATH, max_bytes: { type: 'integer', minimum: 1, maximum: MAX_READ } },
    required: ['path'],
    additionalProperties: false,
  },
  annotations: { readOnly: true },
  handler: (args, ctx) =>
    withFiles(ctx, async (settings, password) =>
      formatFile(await readFile(settings, password, { path: requiredString(args, 'path'), maxBytes: optionalInteger(args, 'max_bytes', 1, MAX_READ) ?? 20_000 })),
    ),
});

const uploadFileTool = defineTool<Args>({
  name: 'upload_file',
  description: 'Writes a file with the given content. An existing file is replaced only with overwrite: true.',
  parameters: {
    type: 'object',
    properties: {
      path: PATH,
      content: { type: 'string', description: 'The file content (text, or base64 with encoding "base64").' },
      encoding: { type: 'string', enum: ['utf8', 'base64'], description: 'Default utf8.' },
      overwrite: { type: 'boolean', description: 'Replace an existing file (default false).' },
    },
    required: ['path', 'content'],
    additionalProperties: false,
  },
  annotations: { destructive: true },
  handler: (args, ctx) =>
    withFiles(ctx, async (settings, password) => {
      const encoding = optionalString(args, 'encoding') === 'base64' ? 'base64' : 'utf8';
      const content = optionalString(args, 'content') ?? '';
      const result = await uploadFile(settings, password, { path: requiredString(args, 'path'), content, encoding, overwrite: optionalBoolean(args, 'overwrite') ?? false });
      return `${result.created ? 'Created' : 'Replaced'} ${JSON.stringify(result.path)} (${result.size} bytes).`;
    }),
});

const createFolderTool = defineTool<Args>({
  name: 'create_folder',
  description: 'Creates a folder (its parent must exist).',
  parameters: { type: 'object', properties: { path: PATH }, required: ['path'], additionalProperties: false },
  annotations: { destructive: true },
  handler: (args, ctx) =>
    withFiles(ctx, async (settings, password) => `Created the folder ${JSON.stringify((await createFolder(settings, password, { path: requiredString(args, 'path') })).path)}.`),
});

const moveFileTool = defineTool<Args>({
  name: 'move_file',
  description: 'Moves or renames a file or folder. An existing target is replaced only with overwrite: true.',
  parameters: {
    type: 'object',
    properties: { from: PATH, to: PATH, overwrite: { type: 'boolean', description: 'Replace an existing target (default false).' } },
    required: ['from', 'to'],
    additionalProperties: false,
  },
  annotations: { destructive: true },
  handler: (args, ctx) =>
    withFiles(ctx, async (settings, password) => {
      const moved = await moveItem(settings, password, { from: requiredString(args, 'from'), to: requiredString(args, 'to'), overwrite: optionalBoolean(args, 'overwrite') ?? false });
      return `Moved ${JSON.stringify(moved.from)} to ${JSON.stringify(moved.to)}.`;
    }),
});

const deleteFileTool = defineTool<Args>({
  name: 'delete_file',
  description: 'Deletes a file, or a folder with everything in it.',
  parameters: { type: 'object', properties: { path: PATH }, required: ['path'], additionalProperties: false },
  annotations: { destructive: true },
  handler: (args, ctx) =>
    withFiles(ctx, async (settings, password) => `Deleted ${JSON.stringify((await deleteItem(settings, password, { path: requiredString(args, 'path') })).path)}.`),
});

export const fileTools: ToolDefinition<Args>[] = [listFilesTool, readFileTool, uploadFileTool, createFolderTool, moveFileTool, deleteFileTool];
