// Shared set-up for the Nextcloud plugin tests: Radicale (calendars, contacts) and rclone (files, at
// Nextcloud's URL shape) for the same user, and the setup answers a person would type.
import { startRadicale, startRclone, type RadicaleServer, type RcloneServer } from '../../helpers/servers/index.js';
import type { Answer } from '../plugins-email/plugin-rig.js';

export const ALICE = { user: 'alice', password: 'alice-app-password-5e8b' };

export interface DavServers {
  radicale: RadicaleServer;
  rclone: RcloneServer;
  stop(): Promise<void>;
}

/** Radicale with a "Personal" and a "Work" calendar and a "Contacts" address book; rclone for files. */
export async function startDavServers(): Promise<DavServers> {
  const [radicale, rclone] = await Promise.all([startRadicale({ users: [ALICE] }), startRclone(ALICE)]);
  await radicale.createCalendar(ALICE, 'personal', 'Personal');
  await radicale.createCalendar(ALICE, 'work', 'Work');
  await radicale.createAddressBook(ALICE, 'contacts', 'Contacts');
  return {
    radicale,
    rclone,
    stop: async () => {
      await radicale.stop();
      await rclone.stop();
    },
  };
}

/** Radicale as the server, rclone's URL given when setup finds no files there. */
export function setupAnswers(servers: DavServers, choice: { password?: string; filesUrl?: string; verdict?: Answer } = {}): Answer[] {
  return [
    [/^Server URL/, servers.radicale.url],
    [/^User name/, ALICE.user],
    [/^App password/, choice.password ?? ALICE.password],
    ...(choice.password && choice.password !== ALICE.password ? [] : [[/^No files \(WebDAV\) service at /, choice.filesUrl ?? servers.rclone.url] as Answer]),
    choice.verdict ?? [/^✓ Calendars: yes, contacts: yes, files: yes\. Save these settings\? \(Y\/n\)$/, 'y'],
  ];
}

export async function setUpAccount(rig: { setup(name: string, answers: Answer[]): Promise<unknown> }, servers: DavServers): Promise<void> {
  await rig.setup('nextcloud', setupAnswers(servers));
}

/** The url and etag of the event titled `title` in a list_events result. */
export function eventRef(listing: string, title: string): { url: string; etag: string } {
  const lines = listing.split('\n');
  const at = lines.findIndex((l) => l.includes(`| ${JSON.stringify(title)}`));
  const match = at >= 0 ? /^ {2}url (\S+) \| etag (.+)$/.exec(lines[at + 1] ?? '') : null;
  if (!match) throw new Error(`no event ${JSON.stringify(title)} in:\n${listing}`);
  return { url: match[1]!, etag: match[2]! };
}
