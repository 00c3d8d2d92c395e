/**
 * Tool results as plain text for the model. Mail content is passed through as it is (the host scans
 * it and marks it untrusted); only the framing around it is ours, so the model can tell headers,
 * text and notes apart.
 */
import type { ExtractResult, FolderInfo, MessageDetail, MessagePage, MessageSummary, ReplyInfo, SentInfo } from './lib/index.js';

export function formatFolders(folders: FolderInfo[]): string {
  if (folders.length === 0) return 'The account has no folders.';
  const lines = folders.map((f) => {
    const counts = f.messages === undefined ? '' : ` — ${f.unread ?? 0} unread of ${f.messages}`;
    const role = f.specialUse ? ` [${f.specialUse.replace('\\', '')}]` : '';
    return `- ${f.path}${role}${f.selectable ? counts : ' (holds folders only)'}`;
  });
  return [`${folders.length} folder(s):`, ...lines].join('\n');
}

function flags(m: { unread: boolean; flagged: boolean; answered: boolean }): string {
  return [m.unread ? 'unread' : '', m.flagged ? 'flagged' : '', m.answered ? 'answered' : ''].filter(Boolean).join(', ');
}

function summaryLine(m: MessageSummary): string {
  const marks = [flags(m), m.hasAttachments ? 'attachments' : ''].filter(Boolean).join(', ');
  return `- uid ${m.uid} | ${m.date ?? 'no date'} | from ${m.from.join(', ') || '(nobody)'} | ${JSON.stringify(m.subject)}${marks ? ` | ${marks}` : ''}`;
}

export function formatPage(page: MessagePage, what = 'message(s)'): string {
  if (page.messages.length === 0) return `No ${what} in ${page.folder}.`;
  const head = `${page.messages.length} ${what} in ${page.folder}, newest first:`;
  const more = page.nextCursor ? `${page.remaining} older match(es): pass cursor ${JSON.stringify(page.nextCursor)} for the next page.` : 'No older matches.';
  return [head, ...page.messages.map(summaryLine), more].join('\n');
}

function kb(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${Math.round(bytes / 1024)} KB`;
}

export function formatMessage(m: MessageDetail): string {
  const header = (name: string, values: string[]) => (values.length ? [`${name}: ${values.join(', ')}`] : []);
  const lines = [
    `Folder: ${m.folder} | uid ${m.uid}${flags(m) ? ` | ${flags(m)}` : ''}`,
    ...header('From', m.from),
    ...header('Reply-To', m.replyTo),
    ...header('To', m.to),
    ...header('Cc', m.cc),
    `Date: ${m.date ?? '(none)'}${m.dateOffset ? ` (sender's UTC offset ${m.dateOffset})` : ''}`,
    `Subject: ${m.subject}`,
    ...(m.messageId ? [`Message-ID: ${m.messageId}`] : []),
  ];
  if (m.attachments.length > 0) {
    lines.push(`Attachments (${m.attachments.length}, not downloaded):`);
    for (const a of m.attachments) lines.push(`- ${a.name} (${a.contentType}, about ${kb(a.size)}${a.inline ? ', inline' : ''})`);
  } else {
    lines.push('Attachments: none');
  }
  const source = m.textSource === 'html' ? 'converted from HTML' : m.textSource === 'plain' ? 'plain text' : 'none';
  lines.push(`--- message text (${source}) ---`, m.text, '--- end of message text ---');
  if (m.note) lines.push(`Note: ${m.note}`);
  return lines.join('\n');
}

export function formatSent(info: SentInfo, draft: { to: string[]; cc?: string[]; bcc?: string[]; subject: string }): string {
  const lines = [
    `Sent ${JSON.stringify(draft.subject)} to ${draft.to.join(', ')}${draft.cc?.length ? `, cc ${draft.cc.join(', ')}` : ''}${draft.bcc?.length ? `, bcc ${draft.bcc.join(', ')}` : ''}.`,
    `Message-ID: ${info.messageId}`,
  ];
  if (info.rejected.length) lines.push(`The server refused these recipients: ${info.rejected.join(', ')}`);
  if (info.savedTo) lines.push(`A copy is in ${info.savedTo}.`);
  if (info.note) lines.push(`Note: ${info.note}`);
  return lines.join('\n');
}

export function formatReply(info: ReplyInfo): string {
  const answered = info.note?.includes('marked as answered') ? '' : '\nThe original is marked as answered.';
  return formatSent(info, { to: info.to, cc: info.cc, subject: info.subject }) + answered;
}

export function formatProposals(result: ExtractResult): string {
  const head = `Message uid ${result.uid} in ${result.folder}: ${JSON.stringify(result.subject)} from ${result.from.join(', ') || '(nobody)'}.`;
  if (result.proposals.length === 0) return `${head}\nNo dates or times found; no events to propose.`;
  const lines = result.proposals.map((p, i) => {
    const when = p.allDay ? `${p.start} (all day)${p.end ? ` to ${p.end}` : ''}` : `${p.start}${p.end ? ` to ${p.end}` : ''}`;
    return [`${i + 1}. ${JSON.stringify(p.title)} — ${when}${p.location ? ` at ${JSON.stringify(p.location)}` : ''}`, `   found in: ${JSON.stringify(p.evidence)}`].join('\n');
  });
  return [head, `${result.proposals.length} proposed event(s) (nothing was added to any calendar; check them with the user first):`, ...lines].join('\n');
}
