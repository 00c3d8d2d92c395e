// The email plugin's setup, run through the real host with scripted answers against a real Dovecot:
// a clear verdict from a live login, the password only in the vault, TLS modes and their refusals.
import { expect } from 'chai';
import { rmSync } from 'node:fs';
import { startDovecot } from '../../helpers/servers/index.js';
import { ALICE, genericAnswers, oneLinePem, startMailServers, type MailServers } from './helpers.js';
import { PluginRig, filesContaining, homeWithPlugins, type Answer } from './plugin-rig.js';

describe('email plugin: setup (through the host, Dovecot)', function () {
  this.timeout(60_000);
  let servers: MailServers;
  let rig: PluginRig;

  before(async () => {
    servers = await startMailServers();
  });
  beforeEach(async () => {
    rig = new PluginRig(homeWithPlugins(['email']));
    await rig.start();
  });
  afterEach(async () => {
    await rig?.stop();
    rmSync(rig.home, { recursive: true, force: true });
  });
  after(async () => servers?.stop());

  async function storedKeys(): Promise<string[]> {
    return (await (await rig.vault()).forPlugin('email').list()).sort();
  }

  it('generic provider on loopback: asks in order, tests the login, stores the password in the vault only', async function () {
    const asked = await rig.setup('email', genericAnswers(servers));
    expect(asked.filter((q) => q.masked).map((q) => q.label)).to.have.length(1);
    expect(asked.find((q) => q.masked)!.label).to.match(/^Password or app password/);
    expect(await storedKeys()).to.deep.equal(['password', 'settings']);
    const secrets = (await rig.vault()).forPlugin('email');
    expect(await secrets.get('password')).to.equal(ALICE.password);
    expect(JSON.parse((await secrets.get('settings'))!)).to.deep.equal({
      preset: 'generic',
      host: '127.0.0.1',
      port: servers.imap.port,
      tls: 'none',
      user: 'alice',
      smtp: { host: '127.0.0.1', port: servers.smtp.port, tls: 'none' },
      fromAddress: 'alice@example.com',
    });
    expect(filesContaining(rig.home, ALICE.password), 'files holding the password').to.deep.equal([]);
    expect(await rig.text('email__list_folders')).to.include('INBOX');
  });

  it('a wrong password gets a clear verdict; cancelling stores nothing', async function () {
    const answers = genericAnswers(servers, {
      password: 'not-the-password',
      verdict: [/^✗ IMAP server 127\.0\.0\.1:\d+ rejected the login for "alice": wrong user name or password .* r: change the answers, s: save anyway, c: cancel/, 'c'],
    });
    let failure: Error | undefined;
    await rig.setup('email', answers).catch((err: Error) => (failure = err));
    expect(failure?.message).to.match(/setup cancelled: nothing was saved: IMAP server .* rejected the login/);
    expect(await storedKeys()).to.deep.equal([]);
    expect(filesContaining(rig.home, 'not-the-password')).to.deep.equal([]);
  });

  it('"r" asks again with the previous answers as defaults; the corrected password passes', async function () {
    const first = genericAnswers(servers, { password: 'typo', verdict: [/^✗ .*rejected the login/, 'r'] });
    const again: Answer[] = [
      [/^Mail provider/, ''],
      [/^User name/, ''],
      [/^IMAP server/, ''],
      [/^IMAP port/, ''],
      [/^IMAP TLS/, ''],
      [/^SMTP server/, ''],
      [/^SMTP port/, ''],
      [/^SMTP TLS/, ''],
      [/^CA certificate/, ''],
      [/^Your email address/, ''],
      [/^Password or app password/, ALICE.password],
      [/^✓ Mail login works/, ''],
    ];
    const asked = await rig.setup('email', [...first, ...again]);
    expect(asked.find((q) => q.label.startsWith('IMAP port') && q.answer === '')!.default).to.equal(String(servers.imap.port));
    expect(JSON.parse((await (await rig.vault()).get('plugin:email:settings'))!)).to.include({ host: '127.0.0.1', tls: 'none', user: 'alice' });
    expect(await (await rig.vault()).get('plugin:email:password')).to.equal(ALICE.password);
  });

  it('refuses TLS "none" to a host that is not this machine, and asks for the server again', async function () {
    const answers = genericAnswers(servers);
    answers.splice(
      2,
      1,
      [/^IMAP server/, 'mail.example.com'],
      [/^IMAP port/, '143'],
      [/^IMAP TLS/, 'none'],
      [/^Refusing to send the password unencrypted to mail\.example\.com: .* Press Enter to enter the IMAP server again/, ''],
      [/^IMAP server/, '127.0.0.1'],
    );
    await rig.setup('email', answers);
    expect(await storedKeys()).to.deep.equal(['password', 'settings']);
  });

  it('IMAPS with a self-signed certificate: refused without it, works with the PEM pasted on one line', async function () {
    const untrusted = genericAnswers(servers, { imap: 'implicit', verdict: [/^✗ Secure connection to IMAP server 127\.0\.0\.1:\d+ failed/, 'c'] });
    await rig.setup('email', untrusted).then(
      () => expect.fail('setup should have been cancelled'),
      (err: Error) => expect(err.message).to.match(/setup cancelled/),
    );
    await rig.setup('email', genericAnswers(servers, { imap: 'implicit', ca: oneLinePem(servers.imap.certPem!) }));
    const settings = JSON.parse((await (await rig.vault()).get('plugin:email:settings'))!);
    expect(settings).to.include({ port: servers.imap.imapsPort, tls: 'implicit' });
    expect(settings.ca).to.equal(servers.imap.certPem!.trim() + '\n');
    expect(await rig.text('email__list_folders')).to.include('INBOX');
  });

  it('STARTTLS on the plain port with the certificate', async function () {
    await rig.setup('email', genericAnswers(servers, { imap: 'starttls', ca: oneLinePem(servers.imap.certPem!) }));
    expect(JSON.parse((await (await rig.vault()).get('plugin:email:settings'))!)).to.include({ port: servers.imap.port, tls: 'starttls' });
    expect(await rig.text('email__list_folders')).to.include('INBOX');
  });

  it('a preset (Fastmail) with its servers replaced: no CA or From question for an address user', async function () {
    const dana = { user: 'dana@example.com', password: 'dana-app-password-4411' };
    const own = await startDovecot({ users: [dana] });
    try {
      await rig.setup('email', [
        [/^Mail provider: .*3 Fastmail/, '3'],
        [/^User name\. Your full Fastmail address\./, dana.user],
        [/^Use Fastmail's servers imap\.fastmail\.com:993 \(TLS\) and smtp\.fastmail\.com:465 \(TLS\)\? \(Y\/n\)/, 'n'],
        [/^IMAP server/, '127.0.0.1'],
        [/^IMAP port/, String(own.port)],
        [/^IMAP TLS/, 'none'],
        [/^SMTP server/, 'none'],
        [/^Password or app password\. Create an app password with IMAP and SMTP access/, dana.password],
        [/^✓ Mail login works \(reading; no SMTP server configured for sending\)\./, 'y'],
      ]);
      const settings = JSON.parse((await (await rig.vault()).get('plugin:email:settings'))!);
      expect(settings).to.deep.equal({ preset: 'fastmail', host: '127.0.0.1', port: own.port, tls: 'none', user: dana.user });
      expect(await rig.error('email__send', { to: ['x@example.com'], subject: 's', body: 'b' })).to.equal('invalid argument: No SMTP server is configured for sending.');
    } finally {
      await own.stop();
    }
  });

  it('tools say how to set up before setup has run', async function () {
    const error = await rig.error('email__list_folders');
    expect(error).to.equal('not set up: The email account is not set up yet. Set it up: select email in the Plugins pane and press s, or run pyra plugin setup email');
  });
});
