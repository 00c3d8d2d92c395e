// What goes wrong, through the real host: Radicale and rclone killed and restarted (the plugin carries
// on by itself), and an app password that no longer works. Each is a one-line tool error and the
// plugin stays loaded.
import { expect } from 'chai';
import { usePluginAccount } from '../plugins-email/plugin-rig.js';
import { ALICE, setUpAccount, startDavServers } from './helpers.js';

describe('nextcloud plugin: failures and recovery (Radicale + rclone)', function () {
  this.timeout(60_000);
  const ctx = usePluginAccount('nextcloud', startDavServers, setUpAccount);
  const stillLoaded = () => expect(ctx.rig.host.plugins().find((p) => p.name === 'nextcloud')?.state).to.equal('loaded');

  it('Radicale killed: calendar and contact tools say the server is unreachable; after a restart they work again', async function () {
    expect(await ctx.rig.text('nextcloud__list_calendars')).to.include('"Work"');
    await ctx.servers.radicale.kill();
    const unreachable = /^server unreachable: Cannot reach 127\.0\.0\.1:\d+ \(connection refused: is the server running and the address right\?\)\.$/;
    expect(await ctx.rig.error('nextcloud__list_calendars')).to.match(unreachable);
    expect(await ctx.rig.error('nextcloud__create_event', { calendar: 'Work', title: 'x', start: '2027-01-01' })).to.match(unreachable);
    expect(await ctx.rig.error('nextcloud__search_contacts', { query: 'x' })).to.match(unreachable);
    stillLoaded();
    await ctx.servers.radicale.restart();
    expect(await ctx.rig.text('nextcloud__create_event', { calendar: 'Work', title: 'After the restart', start: '2027-01-01' })).to.match(/^Created "After the restart"/);
  });

  it('rclone killed: the file tools say so; after a restart they work again', async function () {
    await ctx.rig.text('nextcloud__upload_file', { path: 'kept.txt', content: 'still here' });
    await ctx.servers.rclone.kill();
    expect(await ctx.rig.error('nextcloud__list_files')).to.match(/^server unreachable: Cannot reach 127\.0\.0\.1:\d+ \(connection refused/);
    stillLoaded();
    await ctx.servers.rclone.restart();
    expect(await ctx.rig.text('nextcloud__read_file', { path: 'kept.txt' })).to.include('still here');
  });

  it('an app password that no longer works: a clear error saying how to fix it; the right one works again', async function () {
    const secrets = (await ctx.rig.vault()).forPlugin('nextcloud');
    await secrets.set('app_password', 'revoked-app-password');
    const expected = /^login failed: 127\.0\.0\.1:\d+ rejected the login: wrong user name or app password\. Check the user name and app password\. Set it up: select nextcloud in the Plugins pane and press s, or run pyra plugin setup nextcloud$/;
    expect(await ctx.rig.error('nextcloud__list_calendars')).to.match(expected);
    expect(await ctx.rig.error('nextcloud__list_files')).to.match(expected);
    await secrets.set('app_password', ALICE.password);
    expect(await ctx.rig.text('nextcloud__list_calendars')).to.include('"Work"');
    stillLoaded();
  });
});
