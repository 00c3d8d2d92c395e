/**
 * Masking of secrets in text that is about to be logged or shown: known key and token formats, secret
 * assignments, PEM private keys, long high-entropy runs, and every known secret value (also in its
 * base64, percent-encoded and JSON-escaped spellings). Log output uses `[REDACTED:kind]`, which says
 * what was there without a single character of it; `maskSecret` is for showing one secret on screen.
 */

interface SecretPattern {
  kind: string;
  pattern: RegExp;
  /** Capture group holding the secret, always the end of the match; what precedes it (`password=`) is kept. Default: all. */
  group?: number;
}

// Order matters: specific formats before the generic ones that would also match them.
const PATTERNS: readonly SecretPattern[] = [
  { kind: 'private_key', pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----[\s\S]{0,20000}?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/g },
  { kind: 'anthropic_key', pattern: /\bsk-ant-[A-Za-z0-9_-]{16,}/g },
  { kind: 'openai_key', pattern: /\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}/g },
  { kind: 'github_token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{40,})/g },
  { kind: 'aws_access_key', pattern: /\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA)[A-Z0-9]{16}\b/g },
  { kind: 'slack_token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g },
  { kind: 'slack_webhook', pattern: /https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/_-]{20,}/g },
  { kind: 'google_api_key', pattern: /\bAIza[0-9A-Za-z_-]{35}/g },
  { kind: 'stripe_key', pattern: /\b[rs]k_(?:live|test)_[A-Za-z0-9]{16,}/g },
  { kind: 'jwt', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g },
  { kind: 'bearer_token', pattern: /\b(Bearer|Basic|Token)\s+([A-Za-z0-9._~+/=-]{12,})/gi, group: 2 },
  { kind: 'url_credentials', pattern: /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]{1,64}:)([^\s@/]{3,128})(?=@)/gi, group: 2 },
  {
    kind: 'assignment',
    pattern: /\b((?:[A-Za-z0-9]+[_-])*(?:password|passwd|pwd|passphrase|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|client[_-]?secret|auth)(?:[_-][A-Za-z0-9]+)*["']?\s*[:=]\s*["']?)([^\s"',;]{4,})/gi,
    group: 2,
  },
];

// Long runs that look random: 32+ hex digits, or 40+ base64 characters mixing cases and digits.
const HEX_RUN = /\b[0-9a-fA-F]{32,}\b/g;
const BASE64_RUN = /[A-Za-z0-9+/_-]{40,}={0,2}/g;
const MIN_KNOWN_SECRET = 4;

export const redactedLabel = (kind: string) => `[REDACTED:${kind}]`;

function shannonBitsPerChar(s: string): number {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

function looksRandom(run: string): boolean {
  return /[a-z]/.test(run) && /[A-Z]/.test(run) && /[0-9]/.test(run) && shannonBitsPerChar(run) >= 4;
}

/** The spellings a secret may take once it has been through an encoder on its way into some text. */
export function secretSpellings(secret: string): string[] {
  const utf8 = Buffer.from(secret, 'utf8');
  const spellings = new Set<string>([
    secret,
    utf8.toString('base64'),
    utf8.toString('base64').replace(/=+$/, ''),
    utf8.toString('base64url'),
    encodeURIComponent(secret),
    encodeURIComponent(secret).replace(/%20/g, '+'),
    JSON.stringify(secret).slice(1, -1),
    utf8.toString('hex'),
  ]);
  return [...spellings].filter((s) => s.length >= MIN_KNOWN_SECRET);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function redactKnown(text: string, knownSecrets: Iterable<string>): string {
  const spellings = new Set<string>();
  for (const secret of knownSecrets) {
    if (typeof secret === 'string' && secret.length >= MIN_KNOWN_SECRET) for (const s of secretSpellings(secret)) spellings.add(s);
  }
  if (spellings.size === 0) return text;
  // Longest first, so a secret that contains another is masked whole.
  const alternation = [...spellings].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');
  return text.replace(new RegExp(alternation, 'g'), redactedLabel('secret'));
}

/**
 * Masks everything in `text` that looks like a credential, and every value in `knownSecrets` in any of
 * its common encodings, as `[REDACTED:kind]`. Known secrets shorter than 4 characters are ignored:
 * masking them would shred ordinary words without protecting anything.
 */
export function redact(text: string, knownSecrets: Iterable<string> = []): string {
  let out = redactKnown(text, knownSecrets);
  for (const { kind, pattern, group } of PATTERNS) {
    out = out.replace(pattern, (match: string, ...groups: unknown[]) => {
      if (group === undefined) return redactedLabel(kind);
      const secret = groups[group - 1];
      if (typeof secret !== 'string' || secret.startsWith('[REDACTED')) return match;
      return match.slice(0, match.length - secret.length) + redactedLabel(kind);
    });
  }
  out = out.replace(HEX_RUN, () => redactedLabel('hex'));
  out = out.replace(BASE64_RUN, (run) => (looksRandom(run) ? redactedLabel('high_entropy') : run));
  return out;
}

const BULLETS = '••••••••';
const MIN_LENGTH_TO_SHOW_TAIL = 16;

/**
 * A secret for display: a fixed row of bullets (so the length isn't revealed) and, for secrets long
 * enough that four characters give nothing useful away, the last four characters.
 */
export function maskSecret(value: string | null | undefined): string {
  if (!value) return '';
  return value.length >= MIN_LENGTH_TO_SHOW_TAIL ? BULLETS + value.slice(-4) : BULLETS;
}
