/**
 * The email plugin's protocol layer: plain functions `(settings, password, args[, pool])` for the
 * plugin's tool handlers. The password comes from the plugin's secrets at call time; nothing here
 * stores it. Every failure is a MailError with a `kind` and a one-line message. Mail content is
 * returned as data; the plugin layer scans and wraps it before a model sees it.
 */
export { MailError, isMailError, type MailErrorKind } from './errors.js';
export { isLoopbackHost, validateMailSettings, type MailSettings, type ServerEndpoint, type SmtpEndpoint, type TlsMode } from './settings.js';
export { MAIL_PRESETS, findPreset, settingsFromPreset, type MailPreset } from './presets.js';
export { ImapPool, defaultImapPool, type ImapPoolOptions } from './imap-connection.js';
export { testLogin, listFolders, type FolderInfo, type LoginVerdict } from './folders.js';
export { listMessages, searchMessages, type ListArgs, type SearchArgs, type MessagePage, type MessageSummary } from './message-list.js';
export { readMessage, type ReadArgs, type MessageDetail, type AttachmentInfo } from './message-read.js';
export { moveMessage, markRead, setFlagged, type MessageRef, type MoveResult } from './message-actions.js';
export { send, reply, replyDraft, type SendArgs, type ReplyArgs, type SentInfo, type ReplyInfo } from './outgoing.js';
export { verifySmtp, type OutgoingMessage, type OutgoingAttachment } from './smtp-send.js';
export { extractEvents, type ExtractArgs, type ExtractResult } from './mail-events.js';
export { proposeEvents, type EventProposal, type EventSource } from './event-extract.js';
