/**
 * Contact tools over CardDAV. Creating and changing are destructive: their arguments name the address
 * book or the contact (url, etag) and carry every field that will be written.
 */
import { defineTool, type ToolDefinition } from '../../../app/plugins/sdk.js';
import { NextcloudToolError, discoveryCache, withAccount, type StoredSettings } from '../account.js';
import { givenFields, optionalInteger, optionalString, optionalStringList, requiredString, type Args } from '../args.js';
import { formatAddressBooks, formatContact, formatContacts } from '../format.js';
import { createContact, listAddressBooks, readContact, searchContacts, updateContact, type AddressBookInfo, type ContactInput } from '../lib/index.js';

const deps = { cache: discoveryCache };

const CONTACT_FIELDS = {
  name: { type: 'string', description: 'The name as shown (e.g. "Ada Lovelace").' },
  given_name: { type: 'string' },
  family_name: { type: 'string' },
  emails: { type: 'array', items: { type: 'string' }, description: 'Email addresses (replace all existing ones when changing).' },
  phones: { type: 'array', items: { type: 'string' }, description: 'Phone numbers (replace all existing ones when changing).' },
  organization: { type: 'string' },
  note: { type: 'string' },
} as const;

/** The contact fields given in `args`, in the client's shape. */
function contactChanges(args: Args): Partial<ContactInput> {
  const text = givenFields(args, ['name', 'given_name', 'family_name', 'organization', 'note'] as const);
  const emails = optionalStringList(args, 'emails');
  const phones = optionalStringList(args, 'phones');
  return {
    ...(text.name !== undefined ? { name: text.name } : {}),
    ...(text.given_name !== undefined ? { givenName: text.given_name } : {}),
    ...(text.family_name !== undefined ? { familyName: text.family_name } : {}),
    ...(text.organization !== undefined ? { organization: text.organization } : {}),
    ...(text.note !== undefined ? { note: text.note } : {}),
    ...(emails ? { emails } : {}),
    ...(phones ? { phones } : {}),
  };
}

async function resolveAddressBook(settings: StoredSettings, password: string, wanted: string): Promise<AddressBookInfo> {
  const books = await listAddressBooks(settings, password, deps);
  const url = wanted.endsWith('/') ? wanted : `${wanted}/`;
  const found = books.find((b) => b.url === wanted || b.url === url) ?? books.find((b) => b.name.toLowerCase() === wanted.trim().toLowerCase());
  if (found) return found;
  throw new NextcloudToolError('not found', `No address book is named ${JSON.stringify(wanted)}. Address books: ${formatAddressBooks(books)}.`);
}

const searchContactsTool = defineTool<Args>({
  name: 'search_contacts',
  description: 'Finds contacts by name, email or phone number (part of it is enough), with the url and etag needed to change one.',
  parameters: {
    type: 'object',
    properties: {
      query: { type: 'string' },
      field: { type: 'string', enum: ['any', 'name', 'email', 'phone'], description: 'Where to look (default any).' },
      address_book: { type: 'string', description: 'Only this address book, by name or url (default: all).' },
      limit: { type: 'integer', minimum: 1, maximum: 200, description: 'Default 50.' },
    },
    required: ['query'],
    additionalProperties: false,
  },
  annotations: { readOnly: true },
  handler: (args, ctx) =>
    withAccount(ctx, async (settings, password) => {
      const query = requiredString(args, 'query');
      const field = optionalString(args, 'field') as 'any' | 'name' | 'email' | 'phone' | undefined;
      if (field && !['any', 'name', 'email', 'phone'].includes(field)) throw new NextcloudToolError('invalid argument', 'field must be any, name, email or phone.');
      const book = optionalString(args, 'address_book');
      const addressBookUrl = book ? (await resolveAddressBook(settings, password, book)).url : undefined;
      const { contacts, truncated } = await searchContacts(
        settings,
        password,
        { query, ...(field ? { field } : {}), ...(addressBookUrl ? { addressBookUrl } : {}), limit: optionalInteger(args, 'limit', 1, 200) ?? 50 },
        deps,
      );
      return formatContacts(contacts, truncated, query);
    }),
});

const readContactTool = defineTool<Args>({
  name: 'read_contact',
  description: 'Reads one contact by its url (from search_contacts).',
  parameters: { type: 'object', properties: { url: { type: 'string' } }, required: ['url'], additionalProperties: false },
  annotations: { readOnly: true },
  handler: (args, ctx) => withAccount(ctx, async (settings, password) => formatContact(await readContact(settings, password, { url: requiredString(args, 'url') }, deps))),
});

const createContactTool = defineTool<Args>({
  name: 'create_contact',
  description: 'Creates a contact in an address book.',
  parameters: {
    type: 'object',
    properties: { address_book: { type: 'string', description: 'The address book, by name or url.' }, ...CONTACT_FIELDS },
    required: ['address_book', 'name'],
    additionalProperties: false,
  },
  annotations: { destructive: true },
  handler: (args, ctx) =>
    withAccount(ctx, async (settings, password) => {
      const book = await resolveAddressBook(settings, password, requiredString(args, 'address_book'));
      const contact: ContactInput = { ...contactChanges(args), name: requiredString(args, 'name') };
      const created = await createContact(settings, password, { addressBookUrl: book.url, contact }, deps);
      return `Created the contact ${JSON.stringify(contact.name)} in ${JSON.stringify(book.name)}.\nurl ${created.url}${created.etag ? ` | etag ${created.etag}` : ''}`;
    }),
});

const updateContactTool = defineTool<Args>({
  name: 'update_contact',
  description:
    'Changes a contact: only the fields given are changed (emails and phones replace the whole list; "" clears organization or note). Needs the etag from search_contacts or read_contact: if the contact changed since, nothing is written.',
  parameters: {
    type: 'object',
    properties: { url: { type: 'string' }, etag: { type: 'string' }, ...CONTACT_FIELDS },
    required: ['url', 'etag'],
    additionalProperties: false,
  },
  annotations: { destructive: true },
  handler: (args, ctx) =>
    withAccount(ctx, async (settings, password) => {
      const changes = contactChanges(args);
      if (Object.keys(changes).length === 0) throw new NextcloudToolError('invalid argument', 'Give at least one field to change.');
      const updated = await updateContact(settings, password, { url: requiredString(args, 'url'), etag: requiredString(args, 'etag'), changes }, deps);
      return `Updated the contact (${Object.keys(changes).join(', ')}).\nurl ${updated.url}${updated.etag ? ` | etag ${updated.etag}` : ''}`;
    }),
});

export const contactTools: ToolDefinition<Args>[] = [searchContactsTool, readContactTool, createContactTool, updateContactTool];
