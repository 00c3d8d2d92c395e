/**
 * The Nextcloud plugin's protocol layer: plain functions `(settings, appPassword, args[, deps])` over
 * CalDAV, CardDAV and WebDAV, usable against Nextcloud or any standard DAV server. The password comes
 * from the plugin's secrets at call time and lives only for that call. Every failure is a DavError
 * with a `kind` and a one-line message. Returned text is untrusted data.
 */
export { DavError, isDavError, type DavErrorKind } from './errors.js';
export { checkSettings, type NextcloudSettings } from './settings.js';
export { DiscoveryCache, defaultDiscoveryCache, type DavDeps, type DavService } from './discovery.js';
export { discover, type DiscoveryReport } from './account.js';
export { listCalendars, listEvents, createEvent, updateEvent, deleteEvent, type CalendarInfo, type EventRangeArgs, type UpdateEventArgs } from './calendar.js';
export type { CalendarEvent, EventInput } from './ical-events.js';
export { listAddressBooks, searchContacts, readContact, createContact, updateContact, type AddressBookInfo, type SearchContactsArgs } from './contacts.js';
export type { Contact, ContactInput, TypedValue } from './vcard.js';
export { listFolder, readFile, uploadFile, createFolder, moveItem, deleteItem, type FileEntry, type ReadFileResult, type UploadArgs } from './files.js';
export { splitFilePath } from './dav-paths.js';
