/**
 * Sending and replying. Both are destructive (mail cannot be unsent), and both carry the whole draft
 * in their arguments (recipients, subject, body) so the approval dialog shows exactly what will go
 * out. A reply's recipients and subject follow from the original; the model must state them, and a
 * reply whose stated recipients or subject differ from what would really be sent is refused.
 */
import { defineTool, type ToolDefinition } from '../../../app/plugins/sdk.js';
import { EmailToolError, pool, withAccount } from '../account.js';
import { ADDRESSES, FOLDER, UID, addressList, bareAddress, optionalBoolean, optionalString, requiredString, requiredUid, type Args } from '../args.js';
import { formatReply, formatSent } from '../format.js';
import { readMessage, reply, replyDraft, send } from '../lib/index.js';
import { senderAddress } from '../lib/settings.js';

const BODY = { type: 'string', description: 'The message text (plain text).' };
const SAVE = { type: 'boolean', description: 'Also keep a copy in the Sent folder (off by default: many providers file sent mail themselves).' };

const sendTool = defineTool<Args>({
  name: 'send',
  description: 'Sends a new email. The person sees and approves the whole draft (recipients, subject, body) before it goes out.',
  parameters: {
    type: 'object',
    properties: {
      to: ADDRESSES,
      cc: ADDRESSES,
      bcc: ADDRESSES,
      subject: { type: 'string' },
      body: BODY,
      save_to_sent: SAVE,
    },
    required: ['to', 'subject', 'body'],
    additionalProperties: false,
  },
  annotations: { destructive: true },
  handler: (args, ctx) =>
    withAccount(ctx, async (settings, password) => {
      const to = addressList(args, 'to');
      if (!to) throw new EmailToolError('invalid argument', 'to needs at least one address.');
      const cc = addressList(args, 'cc');
      const bcc = addressList(args, 'bcc');
      const subject = optionalString(args, 'subject') ?? '';
      const sent = await send(
        settings,
        password,
        { to, ...(cc ? { cc } : {}), ...(bcc ? { bcc } : {}), subject, text: requiredString(args, 'body'), saveToSent: optionalBoolean(args, 'save_to_sent') ?? false },
        pool,
      );
      return formatSent(sent, { to, cc, bcc, subject });
    }),
});

const sameSet = (a: string[], b: string[]) => {
  const left = new Set(a.map(bareAddress));
  const right = new Set(b.map(bareAddress));
  return left.size === right.size && [...left].every((x) => right.has(x));
};

const replyTool = defineTool<Args>({
  name: 'reply',
  description:
    'Replies to one message (threaded, "Re:" subject; reply_all adds the other recipients). State the recipients and subject the reply will have ' +
    '(the sender or Reply-To, plus with reply_all the other To/Cc except this account; subject "Re: <original>"): ' +
    'a reply whose stated recipients or subject differ is refused, so the person approves exactly what is sent.',
  parameters: {
    type: 'object',
    properties: {
      folder: FOLDER,
      uid: UID,
      to: { ...ADDRESSES, description: 'Every recipient the reply goes to (To and Cc together).' },
      subject: { type: 'string', description: 'The reply subject, e.g. "Re: Project plan".' },
      body: BODY,
      reply_all: { type: 'boolean', description: 'Also to the original To and Cc recipients (default false).' },
      quote: { type: 'boolean', description: 'Append the original text, quoted, below the body (default false).' },
      save_to_sent: SAVE,
    },
    required: ['uid', 'to', 'subject', 'body'],
    additionalProperties: false,
  },
  annotations: { destructive: true },
  handler: (args, ctx) =>
    withAccount(ctx, async (settings, password) => {
      const folder = optionalString(args, 'folder');
      const uid = requiredUid(args);
      const text = requiredString(args, 'body');
      const replyAll = optionalBoolean(args, 'reply_all') ?? false;
      const quote = optionalBoolean(args, 'quote') ?? false;
      const original = await readMessage(settings, password, { folder, uid }, pool);
      const draft = replyDraft(original, senderAddress(settings).address, { text, replyAll, quote });
      const recipients = [...[draft.to].flat(), ...(draft.cc ? [draft.cc].flat() : [])];
      const stated = addressList(args, 'to') ?? [];
      const subject = (optionalString(args, 'subject') ?? '').trim();
      if (!sameSet(stated, recipients) || subject !== draft.subject.trim()) {
        throw new EmailToolError(
          'draft differs',
          `Nothing was sent: this reply would go to ${recipients.join(', ')} with the subject ${JSON.stringify(draft.subject)}. ` +
            'Call reply again with exactly these as to and subject, so the person approves what is really sent.',
        );
      }
      return formatReply(await reply(settings, password, { folder, uid, text, replyAll, quote, saveToSent: optionalBoolean(args, 'save_to_sent') ?? false }, pool));
    }),
});

export const sendingTools: ToolDefinition<Args>[] = [sendTool, replyTool];
