/**
 * What a memory file is, for the preview: markdown (.md/.markdown) is shown rendered; anything else is
 * listed but not previewed, with a reason the UI can show: other text ("not-markdown"), bytes that are not
 * UTF-8 text ("not-utf8": invalid sequences, or NUL bytes), or a file over 1 MB ("too-large", decided from
 * the size alone so a huge file is never read for a preview).
 */
import { isUtf8 } from 'node:buffer';

export const MAX_PREVIEW_BYTES = 1024 * 1024;

export type FileFormat = 'markdown' | 'text' | 'binary';
export type NotPreviewableReason = 'not-markdown' | 'not-utf8' | 'too-large';

export interface FileKind {
  format: FileFormat;
  previewable: boolean;
  /** Set when previewable is false. */
  reason?: NotPreviewableReason;
  /** One sentence for the UI, set with `reason`. */
  reasonText?: string;
}

const REASON_TEXT: Record<NotPreviewableReason, string> = {
  'not-markdown': 'Only markdown files (.md, .markdown) are previewed.',
  'not-utf8': 'The file is not UTF-8 text.',
  'too-large': 'The file is larger than 1 MB.',
};

export function isMarkdownName(name: string): boolean {
  return /\.(?:md|markdown)$/i.test(name);
}

function notPreviewable(format: FileFormat, reason: NotPreviewableReason): FileKind {
  return { format, previewable: false, reason, reasonText: REASON_TEXT[reason] };
}

/** The file's text, or null when its bytes are not UTF-8 text (invalid sequences or NUL bytes). */
export function decodeText(bytes: Uint8Array): string | null {
  if (!isUtf8(bytes) || bytes.includes(0)) return null;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

/** Classification from the size alone; `text` tells whether the content decoded (undefined: not read). */
export function classifyFile(name: string, size: number, text?: string | null): FileKind {
  const textFormat: FileFormat = isMarkdownName(name) ? 'markdown' : 'text';
  if (size > MAX_PREVIEW_BYTES) return notPreviewable(textFormat, 'too-large');
  if (text === null) return notPreviewable('binary', 'not-utf8');
  if (textFormat === 'markdown') return { format: 'markdown', previewable: true };
  return notPreviewable('text', 'not-markdown');
}
