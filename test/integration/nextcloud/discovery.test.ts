// Discovery and account checks: Radicale (CalDAV/CardDAV), rclone (files), wrong passwords, a
// killed server, plain http to a remote host, and a redirect that tries to take the login elsewhere.
import { expect } from 'chai';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DiscoveryCache, discover, listCalendars } from '../../../plugins/nextcloud/lib/index.js';
import { startRadicale, startRclone, type RadicaleServer, type RcloneServer } from '../../helpers/servers/index.js';
import { ALICE, rejection, settingsFor } from './helpers.js';

describe('nextcloud: discovery and account check', function () {
  let radicale: RadicaleServer;
  let rclone: RcloneServer;
  before(async function () {
    [radicale, rclone] = await Promise.all([startRadicale({ users: [ALICE] }), startRclone({ user: ALICE.user, password: ALICE.password })]);
    await radicale.createCalendar(ALICE, 'personal');
  });
  after(async () => {
    await radicale?.stop();
    await rclone?.stop();
  });

  it('finds the CalDAV and CardDAV homes of a plain DAV server through /.well-known and the principal', async function () {
    const report = await discover(settingsFor(radicale.url), ALICE.password, { cache: new DiscoveryCache() });
    expect(report.caldav).to.deep.include({ ok: true, principalUrl: `${radicale.url}alice/`, homeUrl: `${radicale.url}alice/` });
    expect(report.carddav).to.deep.include({ ok: true, homeUrl: `${radicale.url}alice/` });
    expect(report.files.ok).to.equal(false);
    expect(report.summary).to.equal('Calendars: yes, contacts: yes, files: no.');
    expect(report.ok).to.equal(true);
  });

  it('finds files at the Nextcloud path, and says there is no calendar there', async function () {
    const report = await discover(settingsFor(rclone.origin), ALICE.password, { cache: new DiscoveryCache() });
    expect(report.files).to.deep.include({ ok: true, url: rclone.url });
    expect(report.caldav.ok).to.equal(false);
    expect(report.caldav.kind).to.equal('discoveryFailed');
    expect(report.caldav.message).to.match(/^No calendar \(CalDAV\) service found for alice at 127\.0\.0\.1:\d+/);
  });

  it('says authenticationFailed for a wrong app password, in one line', async function () {
    const report = await discover(settingsFor(radicale.url), 'wrong', { cache: new DiscoveryCache() });
    expect(report.ok).to.equal(false);
    expect(report.caldav.kind).to.equal('authenticationFailed');
    expect(report.summary).to.match(/^127\.0\.0\.1:\d+ rejected the login: wrong user name or app password\.$/);
  });

  it('refuses plain http to a host that is not on this machine, before connecting', async function () {
    const error = await rejection(listCalendars({ serverUrl: 'http://cloud.example.com', user: 'alice' }, ALICE.password));
    expect(error.kind).to.equal('insecureRefused');
  });

  it('a killed server gives serverUnreachable; after a restart the cached discovery works again', async function () {
    const cache = new DiscoveryCache();
    expect(await listCalendars(settingsFor(radicale.url), ALICE.password, { cache })).to.have.length(1);
    await radicale.kill();
    const error = await rejection(listCalendars(settingsFor(radicale.url), ALICE.password, { cache }));
    expect(error.kind).to.equal('serverUnreachable');
    expect(error.message).to.match(/^Cannot reach 127\.0\.0\.1:\d+ \(connection refused/);
    await radicale.restart();
    expect(await listCalendars(settingsFor(radicale.url), ALICE.password, { cache })).to.have.length(1);
  });

  describe('a redirect to another host', function () {
    let lure: Server;
    let elsewhere: Server;
    const seenElsewhere: IncomingHttpHeaders[] = [];
    before(async function () {
      elsewhere = createServer((req, res) => {
        seenElsewhere.push(req.headers);
        res.writeHead(401).end();
      });
      await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
      const elsewherePort = (elsewhere.address() as AddressInfo).port;
      lure = createServer((req, res) => {
        // "localhost" is a different origin from "127.0.0.1": the login must not follow.
        res.writeHead(301, { location: `http://localhost:${elsewherePort}/dav/` }).end();
      });
      await new Promise<void>((resolve) => lure.listen(0, '127.0.0.1', resolve));
    });
    after(() => {
      lure.close();
      elsewhere.close();
    });

    it('never sends the login to it', async function () {
      const url = `http://127.0.0.1:${(lure.address() as AddressInfo).port}/`;
      const report = await discover(settingsFor(url), ALICE.password, { cache: new DiscoveryCache() });
      expect(report.ok).to.equal(false);
      expect(report.caldav.message).to.match(/^Refusing to send the login to localhost:\d+: it is not the configured server/);
      expect(seenElsewhere).to.deep.equal([]);
    });
  });
});
