/**
 * Changing messages: move to another folder, read/unread, flag/unflag. Each checks first that the
 * message (and the destination) exist, because IMAP answers "OK, nothing done" for a UID that is gone.
 * None of these is retried on a dropped connection: the caller decides whether to try again.
 */
import type { ImapFlow } from 'imapflow';
import { MailError } from './errors.js';
import { requireFolder } from './folders.js';
import { defaultImapPool, messageGone, withFolder, type ImapPool } from './imap-connection.js';
import { throwIfDropped } from './message-list.js';
import { checkUid } from './message-read.js';
import type { MailSettings } from './settings.js';

export interface MessageRef {
  folder?: string;
  uid: number;
}

export interface MoveResult {
  from: { folder: string; uid: number };
  to: { folder: string; uid?: number };
}

export async function moveMessage(settings: MailSettings, password: string, args: MessageRef & { toFolder: string }, pool: ImapPool = defaultImapPool): Promise<MoveResult> {
  const folder = args.folder ?? 'INBOX';
  const uid = checkUid(args.uid);
  if (typeof args.toFolder !== 'string' || !args.toFolder.trim()) throw new MailError('invalidArgument', 'toFolder is required.');
  if (args.toFolder === folder) throw new MailError('invalidArgument', 'The message is already in that folder.');
  return pool.run(
    settings,
    password,
    async (client) => {
      await requireFolder(client, args.toFolder);
      return withFolder(client, folder, async () => {
        await requireMessage(client, folder, uid);
        const moved = await client.messageMove(String(uid), args.toFolder, { uid: true });
        if (!moved) {
          throwIfDropped(client);
          throw new MailError('protocol', `The server refused to move message ${uid} to "${args.toFolder}".`, 'imap');
        }
        const newUid = moved.uidMap?.get(uid);
        return { from: { folder, uid }, to: { folder: args.toFolder, ...(newUid ? { uid: newUid } : {}) } };
      });
    },
    { folder },
  );
}

export async function markRead(settings: MailSettings, password: string, args: MessageRef & { read: boolean }, pool: ImapPool = defaultImapPool): Promise<{ uid: number; unread: boolean }> {
  await changeFlag(settings, password, args, '\\Seen', args.read, pool);
  return { uid: args.uid, unread: !args.read };
}

export async function setFlagged(settings: MailSettings, password: string, args: MessageRef & { flagged: boolean }, pool: ImapPool = defaultImapPool): Promise<{ uid: number; flagged: boolean }> {
  await changeFlag(settings, password, args, '\\Flagged', args.flagged, pool);
  return { uid: args.uid, flagged: args.flagged };
}

/** Adds or removes one system flag on a message (used by reply for \Answered too). */
export async function changeFlag(settings: MailSettings, password: string, ref: MessageRef, flag: string, on: boolean, pool: ImapPool): Promise<void> {
  const folder = ref.folder ?? 'INBOX';
  const uid = checkUid(ref.uid);
  if (typeof on !== 'boolean') throw new MailError('invalidArgument', 'Say true or false for the flag.');
  await pool.run(
    settings,
    password,
    (client) =>
      withFolder(client, folder, async () => {
        await requireMessage(client, folder, uid);
        const done = on ? await client.messageFlagsAdd(String(uid), [flag], { uid: true }) : await client.messageFlagsRemove(String(uid), [flag], { uid: true });
        if (!done) {
          throwIfDropped(client);
          throw new MailError('protocol', `The server refused to change ${flag} on message ${uid}.`, 'imap');
        }
      }),
    // Setting a flag twice is harmless, so a dead pooled connection may be replaced once.
    { folder, retryOnDrop: true },
  );
}

/** Throws messageGone unless `uid` is in the open folder. */
export async function requireMessage(client: ImapFlow, folder: string, uid: number): Promise<void> {
  const found = await client.search({ uid: String(uid) }, { uid: true });
  if (found === false || found === undefined) throwIfDropped(client);
  if (!found || !found.includes(uid)) throw messageGone(folder, uid);
}
