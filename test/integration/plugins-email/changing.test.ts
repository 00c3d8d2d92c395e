// The email plugin's tools that change messages (move, read/unread, flag) through the approval queue
// and the real host, against Dovecot; checked by listing again through the plugin.
import { expect } from 'chai';
import { rmSync } from 'node:fs';
import { ALICE, appendMany, setUpAccount, startMailServers, uidOf, type MailServers } from './helpers.js';
import { PluginRig, homeWithPlugins } from './plugin-rig.js';

describe('email plugin: move, read state and flags (Dovecot)', function () {
  this.timeout(60_000);
  let servers: MailServers;
  let rig: PluginRig;
  const uid = async (subject: string, folder = 'INBOX') => uidOf(await rig.text('email__search', { folder, subject }), subject);

  before(async () => {
    servers = await startMailServers();
    await appendMany(servers, ALICE, 'INBOX', [{ subject: 'Invoice 42' }, { subject: 'Holiday photos' }, { subject: 'Old thread' }]);
    rig = new PluginRig(homeWithPlugins(['email']));
    await rig.start();
    await setUpAccount(rig, servers);
  });
  after(async () => {
    await rig?.stop();
    if (rig) rmSync(rig.home, { recursive: true, force: true });
    await servers?.stop();
  });

  it('move is destructive in the approval and moves the message to the other folder', async function () {
    const from = await uid('Invoice 42');
    const { result, request } = await rig.call('email__move', { uid: from, to_folder: 'Archive' });
    expect(request.risk).to.equal('destructive');
    expect(JSON.parse(request.argsText)).to.deep.equal({ uid: from, to_folder: 'Archive' });
    expect(result.text).to.match(new RegExp(`^Moved message uid ${from} from INBOX to Archive \\(now uid \\d+ there\\)\\.$`));
    expect(await rig.text('email__list_messages', { folder: 'Archive' })).to.include('"Invoice 42"');
    expect(await rig.text('email__list_messages')).not.to.include('"Invoice 42"');
  });

  it('mark_read and mark_unread change the read state (and are neither read-only nor destructive)', async function () {
    const photos = await uid('Holiday photos');
    const { result, request } = await rig.call('email__mark_read', { uid: photos });
    expect(request.risk).to.equal('write');
    expect(result.text).to.equal(`Message uid ${photos} in INBOX is now marked read.`);
    expect(await rig.text('email__list_messages', { unread_only: true })).not.to.include('Holiday photos');
    expect(await rig.text('email__mark_unread', { uid: photos })).to.equal(`Message uid ${photos} in INBOX is now marked unread.`);
    expect(await rig.text('email__list_messages', { unread_only: true })).to.include('Holiday photos');
  });

  it('flag sets and clears the flag', async function () {
    const thread = await uid('Old thread');
    expect(await rig.text('email__flag', { uid: thread })).to.equal(`Message uid ${thread} in INBOX is now flagged.`);
    expect(await rig.text('email__search', { flagged: true })).to.include('"Old thread"').and.include('flagged');
    expect(await rig.text('email__flag', { uid: thread, flagged: false })).to.equal(`Message uid ${thread} in INBOX is now not flagged.`);
    expect(await rig.text('email__search', { flagged: true })).to.equal('No matching message(s) in INBOX.');
  });
});
