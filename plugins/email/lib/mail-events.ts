/** "Extract events": read one message and propose calendar events from its subject and text. */
import { proposeEvents, type EventProposal } from './event-extract.js';
import { defaultImapPool, withFolder, type ImapPool } from './imap-connection.js';
import { checkUid, loadMessage } from './message-read.js';
import type { MailSettings } from './settings.js';

export interface ExtractArgs {
  folder?: string;
  uid: number;
}

export interface ExtractResult {
  folder: string;
  uid: number;
  subject: string;
  from: string[];
  date?: string;
  proposals: EventProposal[];
}

export async function extractEvents(settings: MailSettings, password: string, args: ExtractArgs, pool: ImapPool = defaultImapPool, now: Date = new Date()): Promise<ExtractResult> {
  const folder = args.folder ?? 'INBOX';
  const uid = checkUid(args.uid);
  const message = await pool.run(settings, password, (client) => withFolder(client, folder, () => loadMessage(client, folder, uid, 50_000)), {
    retryOnDrop: true,
    folder,
  });
  const proposals = proposeEvents(
    { subject: message.subject, text: message.text, date: message.date, dateOffset: message.dateOffset, messageId: message.messageId },
    now,
  );
  return { folder, uid, subject: message.subject, from: message.from, ...(message.date ? { date: message.date } : {}), proposals };
}
