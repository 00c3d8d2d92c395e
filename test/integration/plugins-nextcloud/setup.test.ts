// The Nextcloud plugin's setup through the real host with scripted answers, against Radicale and
// rclone: discovery with a clear verdict, files found elsewhere or left out, the app password in the
// vault only, and refusals (wrong password, plain http to another machine).
import { expect } from 'chai';
import { rmSync } from 'node:fs';
import { PluginRig, filesContaining, homeWithPlugins, type Answer } from '../plugins-email/plugin-rig.js';
import { ALICE, setupAnswers, startDavServers, type DavServers } from './helpers.js';

describe('nextcloud plugin: setup (through the host, Radicale + rclone)', function () {
  this.timeout(60_000);
  let servers: DavServers;
  let rig: PluginRig;

  before(async () => {
    servers = await startDavServers();
  });
  beforeEach(async () => {
    rig = new PluginRig(homeWithPlugins(['nextcloud']));
    await rig.start();
  });
  afterEach(async () => {
    await rig?.stop();
    rmSync(rig.home, { recursive: true, force: true });
  });
  after(async () => servers?.stop());

  const stored = async () => (await (await rig.vault()).forPlugin('nextcloud').list()).sort();

  it('discovers calendars and contacts, takes the files URL it asked for, and keeps the app password in the vault only', async function () {
    const asked = await rig.setup('nextcloud', setupAnswers(servers));
    expect(asked.filter((q) => q.masked).map((q) => q.label)).to.have.length(1);
    expect(asked.find((q) => q.masked)!.label).to.match(/^App password/);
    expect(await stored()).to.deep.equal(['app_password', 'settings']);
    const secrets = (await rig.vault()).forPlugin('nextcloud');
    expect(JSON.parse((await secrets.get('settings'))!)).to.deep.equal({ serverUrl: servers.radicale.url, user: 'alice', filesUrl: servers.rclone.url });
    expect(await secrets.get('app_password')).to.equal(ALICE.password);
    expect(filesContaining(rig.home, ALICE.password), 'files holding the app password').to.deep.equal([]);
    expect(await rig.text('nextcloud__list_calendars')).to.include('"Personal"').and.include('"Work"');
    expect(await rig.text('nextcloud__list_files')).to.equal('the top folder is empty.');
  });

  it('a plain CalDAV server without files: "none" leaves the file tools out with a clear error', async function () {
    await rig.setup('nextcloud', setupAnswers(servers, { filesUrl: 'none', verdict: [/^✓ Calendars: yes, contacts: yes, files: no\. Save/, ''] }));
    expect(JSON.parse((await (await rig.vault()).get('plugin:nextcloud:settings'))!)).to.include({ noFiles: true });
    expect(await rig.error('nextcloud__list_files')).to.equal('not set up: No files (WebDAV) service is set up for this account. Set it up: select nextcloud in the Plugins pane and press s, or run pyra plugin setup nextcloud');
    expect(await rig.text('nextcloud__list_calendars')).to.include('"Personal"');
  });

  it('a files URL that does not answer either: the verdict says why; "n" stores nothing', async function () {
    const wrong = `${servers.rclone.origin}remote.php/dav/files/bob/`;
    const answers = setupAnswers(servers, {
      filesUrl: wrong,
      verdict: [new RegExp(`^✓ Calendars: yes, contacts: yes, files: no\\. \\(Not found on 127\\.0\\.0\\.1:\\d+: the files root ${wrong.replace(/[.]/g, '\\.')}\\.\\) Save these settings\\?`), 'n'],
    });
    const failure = await rig.setup('nextcloud', answers).then(
      () => null,
      (err: Error) => err,
    );
    expect(failure?.message).to.match(/setup cancelled: nothing was saved/);
    expect(await stored()).to.deep.equal([]);
  });

  it('a wrong app password gets a clear verdict; cancelling stores nothing', async function () {
    const answers = setupAnswers(servers, {
      password: 'wrong-password',
      verdict: [/^✗ 127\.0\.0\.1:\d+ rejected the login: wrong user name or app password\. — r: change the answers, s: save anyway, c: cancel$/, 'c'],
    });
    const failure = await rig.setup('nextcloud', answers).then(
      () => null,
      (err: Error) => err,
    );
    expect(failure?.message).to.match(/setup cancelled: nothing was saved: 127\.0\.0\.1:\d+ rejected the login/);
    expect(await stored()).to.deep.equal([]);
  });

  it('refuses plain http to another machine and asks again; "r" keeps the answers as defaults', async function () {
    const answers: Answer[] = [
      [/^Server URL/, 'http://cloud.example.com'],
      [/^Refusing to send the password unencrypted to cloud\.example\.com: use https:\/\/.* Server URL/, servers.radicale.url],
      [/^User name/, 'alice'],
      [/^App password/, 'typo'],
      [/^✗ .* rejected the login/, 'r'],
      [/^Server URL/, ''],
      [/^User name/, ''],
      [/^App password/, ALICE.password],
      [/^No files/, servers.rclone.url],
      [/^✓ Calendars: yes/, 'y'],
    ];
    const asked = await rig.setup('nextcloud', answers);
    expect(asked[5]!.default).to.equal(servers.radicale.url);
    expect(await stored()).to.deep.equal(['app_password', 'settings']);
  });

  it('tools say how to set up before setup has run', async function () {
    expect(await rig.error('nextcloud__list_calendars')).to.equal('not set up: The Nextcloud account is not set up yet. Set it up: select nextcloud in the Plugins pane and press s, or run pyra plugin setup nextcloud');
  });
});
