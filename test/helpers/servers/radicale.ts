/**
 * A real Radicale CalDAV/CardDAV server for integration tests: 127.0.0.1, OS-picked port, config,
 * htpasswd (plain) and storage in one temp dir. Radicale creates no collections by itself: use
 * createCalendar / createAddressBook.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MailUser } from './dovecot.js';
import { freePort, makeTempDir, requireProgram, spawnServer, waitForPort, type ServerProcess } from './server-process.js';

export interface RadicaleServer {
  /** Server root, e.g. http://127.0.0.1:PORT/ (principals live at /USER/). */
  url: string;
  port: number;
  dir: string;
  /** MKCALENDAR /USER/NAME/ (VEVENT and VTODO); returns the collection URL. */
  createCalendar(user: MailUser, name: string, displayName?: string): Promise<string>;
  /** MKCOL /USER/NAME/ with the addressbook resource type; returns the collection URL. */
  createAddressBook(user: MailUser, name: string, displayName?: string): Promise<string>;
  kill(): Promise<void>;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startRadicale(options: { users: MailUser[] }): Promise<RadicaleServer> {
  const radicale = requireProgram('radicale', 'radicale');
  const temp = makeTempDir('pyra-radicale-');
  const dir = temp.path;
  const port = await freePort();
  writeFileSync(join(dir, 'users'), options.users.map((u) => `${u.user}:${u.password}\n`).join(''));
  const configPath = join(dir, 'config');
  writeFileSync(
    configPath,
    `[server]
hosts = 127.0.0.1:${port}
[auth]
type = htpasswd
htpasswd_filename = ${join(dir, 'users')}
htpasswd_encryption = plain
# Radicale sleeps this long after every failed login (default 1 s).
delay = 0
[rights]
type = owner_only
[storage]
filesystem_folder = ${join(dir, 'collections')}
[web]
type = none
[logging]
level = warning
mask_passwords = True
`,
  );

  let server: ServerProcess | undefined;
  const launch = async (): Promise<void> => {
    server = spawnServer(radicale, ['--config', configPath]);
    await waitForPort(port, server, 'Radicale');
  };
  await launch();
  const url = `http://127.0.0.1:${port}/`;

  return {
    url,
    port,
    dir,
    createCalendar: (user, name, displayName = name) =>
      makeCollection(url, user, name, 'MKCALENDAR', calendarBody(displayName)),
    createAddressBook: (user, name, displayName = name) =>
      makeCollection(url, user, name, 'MKCOL', addressBookBody(displayName)),
    kill: async () => {
      await server?.kill();
      server = undefined;
    },
    restart: async () => {
      await server?.stop();
      await launch();
    },
    stop: async () => {
      await server?.stop();
      server = undefined;
      temp.remove();
    },
  };
}

async function makeCollection(root: string, user: MailUser, name: string, method: string, body: string): Promise<string> {
  const url = new URL(`${encodeURIComponent(user.user)}/${encodeURIComponent(name)}/`, root).href;
  const response = await fetch(url, {
    method,
    headers: {
      authorization: 'Basic ' + Buffer.from(`${user.user}:${user.password}`).toString('base64'),
      'content-type': 'application/xml; charset=utf-8',
    },
    body,
  });
  if (response.status !== 201) {
    throw new Error(`Radicale: ${method} ${url} answered ${response.status}: ${await response.text()}`);
  }
  return url;
}

const escapeXml = (text: string): string => text.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);

function calendarBody(displayName: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
  <D:set><D:prop>
    <D:displayname>${escapeXml(displayName)}</D:displayname>
    <C:supported-calendar-component-set><C:comp name="VEVENT"/><C:comp name="VTODO"/></C:supported-calendar-component-set>
  </D:prop></D:set>
</C:mkcalendar>`;
}

function addressBookBody(displayName: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<D:mkcol xmlns:D="DAV:" xmlns:CR="urn:ietf:params:xml:ns:carddav">
  <D:set><D:prop>
    <D:resourcetype><D:collection/><CR:addressbook/></D:resourcetype>
    <D:displayname>${escapeXml(displayName)}</D:displayname>
  </D:prop></D:set>
</D:mkcol>`;
}
