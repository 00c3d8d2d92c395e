/**
 * Lexical checks on a relative path name that came from a user or a model, before it ever touches the
 * file system. `checkPathName` returns the first broken rule, or null when the name is acceptable.
 * The file system half (realpath, symlinks, refused targets) lives in safe-path.ts.
 */

export type UnsafePathReason =
  | 'not_a_string'
  | 'empty'
  | 'control_char'
  | 'invalid_unicode'
  | 'invisible_char'
  | 'absolute'
  | 'unc_or_device'
  | 'drive_letter'
  | 'tilde'
  | 'backslash'
  | 'empty_component'
  | 'dot_component'
  | 'trailing_dot_or_space'
  | 'reserved_name'
  | 'too_long'
  | 'percent_encoding'
  | 'confusable'
  | 'root_missing'
  | 'outside_root'
  | 'symlink_escape'
  | 'dangling_symlink'
  | 'device'
  | 'refused_target'
  | 'not_found';

export interface NameProblem {
  reason: UnsafePathReason;
  detail: string;
}

export const MAX_COMPONENT_BYTES = 255;
export const MAX_PATH_BYTES = 4096;

// C0, DEL and C1 controls.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// Zero-width characters, bidi embeddings/overrides/isolates, BOM, and Unicode tag characters: they make a
// name display differently from what it is, so a person approving it would be misled.
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]|\udb40[\udc00-\udc7f]/;
// A lone UTF-16 surrogate is written to disk as U+FFFD: the file created would not be the one checked.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const DRIVE = /^[A-Za-z]:/;
const RESERVED = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$|clock\$)$/i;
const PERCENT_ESCAPE = /%(?:[0-9a-fA-F]{2}|u[0-9a-fA-F]{4})/g;

/**
 * Characters that look like, or are treated by some layer as, a slash, backslash or full stop but that
 * NFKC leaves alone. NFKC itself takes care of the fullwidth and small forms (U+FF0F, U+FF0E, U+FE52…).
 */
const LOOKALIKES: Record<string, string> = {
  '\u2215': '/', // division slash
  '\u2044': '/', // fraction slash
  '\u29f8': '/', // big solidus
  '\u2571': '/', // box drawings light diagonal upper right to lower left
  '\u1735': '/', // philippine single punctuation
  '\u2cc6': '/', // coptic small letter old coptic esh (slash-like)
  '\u3033': '/', // vertical kana repeat mark upper half
  '\u2216': '\\', // set minus
  '\u29f5': '\\', // reverse solidus operator
  '\u29f9': '\\', // big reverse solidus
  '\u2572': '\\', // box drawings light diagonal upper left to lower right
  '\u3002': '.', // ideographic full stop
  '\u0701': '.', // syriac supralinear full stop
  '\u0702': '.', // syriac sublinear full stop
  '\ua4f8': '.', // lisu letter tone mya ti
  '\u2e31': '.', // word separator middle dot
  '\u00b7': '.', // middle dot
  '\u2219': '.', // bullet operator
};
const LOOKALIKE_CLASS = new RegExp(`[${Object.keys(LOOKALIKES).join('')}]`, 'g');

const utf8Bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/** What the name could become once some other layer applies compatibility folding or look-alike mapping. */
export function pathSkeleton(name: string): string {
  return name.replace(LOOKALIKE_CLASS, (ch) => LOOKALIKES[ch] ?? ch).normalize('NFKC');
}

/** Percent escapes decoding to a separator, a dot, a percent sign (double encoding), a control or an overlong UTF-8 lead. */
function percentProblem(name: string): NameProblem | null {
  for (const match of name.matchAll(PERCENT_ESCAPE)) {
    const hex = match[0].startsWith('%u') ? match[0].slice(2) : match[0].slice(1);
    const code = parseInt(hex, 16);
    const dangerous =
      match[0].startsWith('%u') || // IIS-style %uXXXX: no legitimate use in a file name
      code === 0x2e ||
      code === 0x2f ||
      code === 0x5c ||
      code === 0x25 ||
      code < 0x20 ||
      code === 0x7f ||
      code === 0xc0 ||
      code === 0xc1 ||
      code === 0xe0 ||
      code === 0xf0;
    if (dangerous) {
      return {
        reason: 'percent_encoding',
        detail: `percent escape ${match[0]} could decode to a separator, a dot or another escape`,
      };
    }
  }
  return null;
}

function componentProblem(part: string, whole: string): NameProblem | null {
  if (part === '') return { reason: 'empty_component', detail: `"${whole}" has an empty component (double or trailing slash)` };
  if (part === '.' || part === '..') return { reason: 'dot_component', detail: `component "${part}" refers to the current or parent folder` };
  if (/^\.+$/.test(part)) return { reason: 'dot_component', detail: `component "${part}" is made of dots only` };
  if (/[. ]$/.test(part)) return { reason: 'trailing_dot_or_space', detail: `component "${part}" ends with a dot or a space, which Windows strips` };
  if (utf8Bytes(part) > MAX_COMPONENT_BYTES) {
    return { reason: 'too_long', detail: `a component is longer than ${MAX_COMPONENT_BYTES} bytes` };
  }
  // Windows ignores everything after the first dot and trailing spaces when it checks device names.
  const stem = part.split('.')[0]!.replace(/ +$/, '');
  if (RESERVED.test(stem)) return { reason: 'reserved_name', detail: `"${part}" is a reserved device name on Windows` };
  return null;
}

/** The structural rules, applied to one spelling of the name. */
function structuralProblem(name: string): NameProblem | null {
  if (CONTROL.test(name)) return { reason: 'control_char', detail: 'the name contains a control character' };
  if (LONE_SURROGATE.test(name)) return { reason: 'invalid_unicode', detail: 'the name is not valid Unicode (lone surrogate)' };
  if (INVISIBLE.test(name)) return { reason: 'invisible_char', detail: 'the name contains an invisible or bidirectional control character' };
  if (/^(?:\\\\|\/\/)/.test(name)) return { reason: 'unc_or_device', detail: 'UNC and device paths (\\\\server, \\\\.\\, \\\\?\\) are not allowed' };
  if (name.startsWith('/')) return { reason: 'absolute', detail: 'absolute paths are not allowed; give a name relative to the folder' };
  if (DRIVE.test(name)) return { reason: 'drive_letter', detail: 'Windows drive paths (C:) are not allowed' };
  if (name.startsWith('~')) return { reason: 'tilde', detail: 'home-folder expansion (~) is not allowed' };
  if (name.includes('\\')) return { reason: 'backslash', detail: 'backslashes are not allowed; use / between folders' };
  for (const part of name.split('/')) {
    const problem = componentProblem(part, name);
    if (problem) return problem;
  }
  return null;
}

/**
 * Checks `name` (already NFC-normalized by the caller) against every lexical rule: its own spelling, then
 * the spelling it would have after NFKC and look-alike folding, then after percent-decoding.
 */
export function checkPathName(name: string): NameProblem | null {
  if (name.length === 0) return { reason: 'empty', detail: 'the name is empty' };
  if (utf8Bytes(name) > MAX_PATH_BYTES) return { reason: 'too_long', detail: `the name is longer than ${MAX_PATH_BYTES} bytes` };

  const direct = structuralProblem(name);
  if (direct) return direct;

  const skeleton = pathSkeleton(name);
  if (skeleton !== name) {
    const folded = structuralProblem(skeleton);
    if (folded) {
      return { reason: 'confusable', detail: `the name contains look-alike characters that fold into a dangerous form (${folded.detail})` };
    }
    if (skeleton.split('/').length !== name.split('/').length) {
      return { reason: 'confusable', detail: 'the name contains a character that folds into a path separator' };
    }
    const percentFolded = percentProblem(skeleton);
    if (percentFolded) return { reason: 'confusable', detail: percentFolded.detail };
  }
  return percentProblem(name);
}
