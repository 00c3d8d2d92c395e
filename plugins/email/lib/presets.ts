/**
 * Server settings of common providers, as data. Hints say what a person has to do on the provider's
 * side (most want an app password instead of the account password).
 */
import type { MailSettings, ServerEndpoint } from './settings.js';

export interface MailPreset {
  id: 'outlook' | 'gmail' | 'fastmail' | 'icloud' | 'generic';
  label: string;
  /** Absent for generic: the user types the host names. */
  imap?: ServerEndpoint;
  smtp?: ServerEndpoint;
  userHint: string;
  passwordHint: string;
}

export const MAIL_PRESETS: readonly MailPreset[] = [
  {
    id: 'outlook',
    label: 'Outlook.com / Hotmail / Live',
    imap: { host: 'outlook.office365.com', port: 993, tls: 'implicit' },
    smtp: { host: 'smtp-mail.outlook.com', port: 587, tls: 'starttls' },
    userHint: 'Your full address, e.g. name@outlook.com.',
    passwordHint:
      'Microsoft is phasing out password logins for IMAP/SMTP; if the login is refused, create an app password (account security settings, two-step verification on) or check that IMAP is enabled.',
  },
  {
    id: 'gmail',
    label: 'Gmail / Google Workspace',
    imap: { host: 'imap.gmail.com', port: 993, tls: 'implicit' },
    smtp: { host: 'smtp.gmail.com', port: 465, tls: 'implicit' },
    userHint: 'Your full Gmail address.',
    passwordHint: 'Use an app password (Google Account → Security → 2-Step Verification → App passwords); the normal password is refused.',
  },
  {
    id: 'fastmail',
    label: 'Fastmail',
    imap: { host: 'imap.fastmail.com', port: 993, tls: 'implicit' },
    smtp: { host: 'smtp.fastmail.com', port: 465, tls: 'implicit' },
    userHint: 'Your full Fastmail address.',
    passwordHint: 'Create an app password with IMAP and SMTP access (Settings → Privacy & Security → App passwords).',
  },
  {
    id: 'icloud',
    label: 'iCloud Mail',
    imap: { host: 'imap.mail.me.com', port: 993, tls: 'implicit' },
    smtp: { host: 'smtp.mail.me.com', port: 587, tls: 'starttls' },
    userHint: 'Your iCloud address (name@icloud.com); for SMTP the full address.',
    passwordHint: 'Use an app-specific password from appleid.apple.com (Sign-In and Security → App-Specific Passwords).',
  },
  {
    id: 'generic',
    label: 'Other (IMAP/SMTP)',
    userHint: 'Usually your full address; your provider tells you.',
    passwordHint: 'Your mail password, or an app password if your provider uses them.',
  },
];

export function findPreset(id: string): MailPreset | undefined {
  return MAIL_PRESETS.find((preset) => preset.id === id);
}

/**
 * Settings from a preset plus what the user typed. For the generic preset `overrides` must supply
 * host, port and tls (defaults: 993 implicit; SMTP 587 starttls on the same host).
 */
export function settingsFromPreset(id: MailPreset['id'], user: string, overrides: Partial<MailSettings> = {}): MailSettings {
  const preset = findPreset(id);
  if (!preset) throw new Error(`Unknown mail preset "${id}".`);
  const host = overrides.host ?? preset.imap?.host ?? '';
  const imap: ServerEndpoint = preset.imap ?? { host, port: 993, tls: 'implicit' };
  const smtp = overrides.smtp ?? preset.smtp ?? { host: host.replace(/^imap\./, 'smtp.'), port: 587, tls: 'starttls' as const };
  return { ...imap, ...overrides, user, smtp };
}
