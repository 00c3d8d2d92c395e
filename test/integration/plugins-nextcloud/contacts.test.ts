// The Nextcloud plugin's contact tools through the approval queue and the real host, against
// Radicale's CardDAV: create, search by name / email / phone, read, etag-checked update.
import { expect } from 'chai';
import { usePluginAccount } from '../plugins-email/plugin-rig.js';
import { setUpAccount, startDavServers } from './helpers.js';

/** url and etag of the first contact in a search/read result. */
function contactRef(text: string): { url: string; etag: string } {
  const match = /url (\S+) \| etag (.+)$/m.exec(text);
  if (!match) throw new Error(`no url/etag in:\n${text}`);
  return { url: match[1]!, etag: match[2]! };
}

describe('nextcloud plugin: contact tools (through the approval queue, Radicale)', function () {
  this.timeout(60_000);
  const ctx = usePluginAccount('nextcloud', startDavServers, setUpAccount);

  it('create_contact is destructive with every field in the approval; the contact can be found and read', async function () {
    const args = { address_book: 'Contacts', name: 'Ada Lovelace', emails: ['ada@example.org'], phones: ['+44 20 7946 0018'], organization: 'Analytical Engines', note: 'Met at the conference' };
    const { result, request } = await ctx.rig.call('nextcloud__create_contact', args);
    expect(request.risk).to.equal('destructive');
    expect(JSON.parse(request.argsText)).to.deep.equal(args);
    expect(result.text).to.match(new RegExp(`^Created the contact "Ada Lovelace" in "Contacts"\\.\\nurl ${ctx.servers.radicale.url}alice/contacts/.+\\.vcf`));
    await ctx.rig.text('nextcloud__create_contact', { address_book: 'contacts', name: 'Charles Babbage', emails: ['charles@example.org'] });

    const byName = await ctx.rig.text('nextcloud__search_contacts', { query: 'lovelace' });
    expect(byName).to.match(/^1 contact\(s\) match "lovelace":\n- "Ada Lovelace"/);
    expect(byName).to.include('email: ada@example.org').and.include('phone: +44 20 7946 0018').and.include('organization: "Analytical Engines"');
    expect(await ctx.rig.text('nextcloud__search_contacts', { query: 'charles@', field: 'email' })).to.include('"Charles Babbage"');
    expect(await ctx.rig.text('nextcloud__search_contacts', { query: '020 7946 0018', field: 'phone' })).to.include('"Ada Lovelace"');
    expect(await ctx.rig.text('nextcloud__search_contacts', { query: 'Grace' })).to.equal('No contacts match "Grace".');

    const read = await ctx.rig.text('nextcloud__read_contact', { url: contactRef(byName).url });
    expect(read).to.match(/^"Ada Lovelace"\n {2}given name "Ada", family name "Lovelace"/);
    expect(read).to.include('note: "Met at the conference"');
  });

  it('update_contact changes the fields given when the etag matches; a stale etag changes nothing', async function () {
    const before = contactRef(await ctx.rig.text('nextcloud__search_contacts', { query: 'Babbage' }));
    const { result, request } = await ctx.rig.call('nextcloud__update_contact', { ...before, emails: ['cb@example.org', 'charles@example.org'], organization: 'Difference Engines' });
    expect(request.risk).to.equal('destructive');
    expect(result.text).to.match(/^Updated the contact \(organization, emails\)\./);
    const after = await ctx.rig.text('nextcloud__read_contact', { url: before.url });
    expect(after).to.include('email: cb@example.org, charles@example.org').and.include('organization: "Difference Engines"');
    const stale = await ctx.rig.error('nextcloud__update_contact', { ...before, note: 'lost' });
    expect(stale).to.equal(`conflict: The contact ${before.url} was changed on the server since it was read; read it again and retry.`);
  });

  it('an unknown address book and a missing contact are clear errors', async function () {
    expect(await ctx.rig.error('nextcloud__create_contact', { address_book: 'Friends', name: 'X' })).to.equal('not found: No address book is named "Friends". Address books: "Contacts".');
    expect(await ctx.rig.error('nextcloud__read_contact', { url: `${ctx.servers.radicale.url}alice/contacts/missing.vcf` })).to.match(/^not found: Not found on 127\.0\.0\.1:\d+: the contact/);
  });
});
