/**
 * `pyra plugin setup email`: provider, user, servers, password, then a live login test with a clear
 * verdict. Nothing is stored until the person accepts the verdict. The settings (no secret in them)
 * go to plugin:email:settings as JSON, the password to plugin:email:password; plugins cannot write
 * files, and nothing of this lands in a plain file.
 *
 * The questions, in order (a scripted setup answers them the same way):
 *   1. provider (1–5 or its name)          2. user
 *   3. preset: "use the standard servers?" (Y/n); generic, or "n": IMAP host, port, TLS, SMTP host
 *      ("none": no sending), SMTP port, SMTP TLS
 *   4. generic only: a CA certificate to trust (PEM, may be on one line; empty: the system's)
 *   5. only if the user is not an address: the From address
 *   6. password (masked)                   7. the verdict: save (Y/n), or r / s / c after a failure
 */
import type { SetupContext } from '../../app/plugins/sdk.js';
import { MAX_TRIES, ask, stopped, yes } from '../shared/setup-prompts.js';
import { PASSWORD_KEY, SETTINGS_KEY, describeEndpoint, readSettings, type StoredSettings } from './account.js';
import { MAIL_PRESETS, findPreset, isMailError, testLogin, validateMailSettings, type MailPreset, type ServerEndpoint, type TlsMode } from './lib/index.js';


function choosePreset(answer: string): MailPreset | undefined {
  if (!answer) return undefined;
  const byNumber = /^\d+$/.test(answer) ? MAIL_PRESETS[Number(answer) - 1] : undefined;
  return byNumber ?? MAIL_PRESETS.find((p) => p.id === answer.toLowerCase() || p.label.toLowerCase().startsWith(answer.toLowerCase()));
}

function endpointProblem(endpoint: ServerEndpoint, label: string): string | null {
  try {
    validateMailSettings({ ...endpoint, user: 'check' });
    return null;
  } catch (error) {
    if (isMailError(error)) return error.message.replace(/^IMAP/, label);
    throw error;
  }
}

const portCheck = (value: string) => (/^\d{1,5}$/.test(value) && +value >= 1 && +value <= 65535 ? null : 'The port is a number from 1 to 65535.');
const tlsCheck = (value: string) => (['implicit', 'starttls', 'none'].includes(value.toLowerCase()) ? null : 'Answer implicit, starttls or none.');
const defaultTls = (port: number): TlsMode => (port === 993 || port === 465 ? 'implicit' : 'starttls');

async function askEndpoint(ctx: SetupContext, label: 'IMAP' | 'SMTP', current: ServerEndpoint | undefined, fallbackHost?: string): Promise<ServerEndpoint | undefined> {
  const optional = label === 'SMTP';
  for (let i = 0; i < MAX_TRIES; i++) {
    const suggested = current?.host ?? fallbackHost;
    const host = optional
      ? (await ctx.prompt({ label: 'SMTP server for sending ("none": no sending)', ...(suggested ? { default: suggested } : {}) })).trim() || suggested || 'none'
      : await ask(ctx, 'IMAP server (host name)', current?.host);
    if (host.toLowerCase() === 'none') return undefined;
    const portDefault = String(current?.port ?? (label === 'IMAP' ? 993 : 587));
    const port = Number(await ask(ctx, `${label} port`, portDefault, portCheck));
    const tls = (await ask(ctx, `${label} TLS: implicit (usual on ${label === 'IMAP' ? 993 : 465}), starttls (${label === 'IMAP' ? 143 : 587}) or none (this machine only)`, current?.tls ?? defaultTls(port), tlsCheck)).toLowerCase() as TlsMode;
    const endpoint = { host, port, tls };
    const problem = endpointProblem(endpoint, label);
    if (!problem) return endpoint;
    await ctx.prompt({ label: `${problem} Press Enter to enter the ${label} server again.` });
  }
  throw stopped('setup stopped', `no usable ${label} server`);
}

/** A PEM pasted on one line (spaces for line breaks) becomes a proper PEM again. */
export function normalizePem(text: string): string | null {
  const match = /-----BEGIN CERTIFICATE-----([\sA-Za-z0-9+/=]+)-----END CERTIFICATE-----/.exec(text);
  if (!match) return null;
  const body = match[1]!.replace(/\s+/g, '');
  return `-----BEGIN CERTIFICATE-----\n${body.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;
}

async function askCa(ctx: SetupContext, current: string | undefined): Promise<string | undefined> {
  const label = current
    ? 'CA certificate to trust (PEM; Enter keeps the stored one, "none" uses the system\'s)'
    : 'CA certificate to trust for a self-hosted server (PEM, may be pasted on one line; empty: the system\'s)';
  const answer = await ask(ctx, label, current ? 'keep' : 'none', (value) =>
    ['keep', 'none'].includes(value.toLowerCase()) || normalizePem(value) ? null : 'That is not a PEM certificate.',
  );
  if (answer.toLowerCase() === 'keep') return current;
  return answer.toLowerCase() === 'none' ? undefined : normalizePem(answer)!;
}

async function askSettings(ctx: SetupContext, current: StoredSettings | null): Promise<StoredSettings> {
  const menu = MAIL_PRESETS.map((p, i) => `${i + 1} ${p.label}`).join(', ');
  const currentPreset = current?.preset ? String(MAIL_PRESETS.findIndex((p) => p.id === current.preset) + 1) : undefined;
  const preset = choosePreset(await ask(ctx, `Mail provider: ${menu}`, currentPreset, (v) => (choosePreset(v) ? null : 'Choose 1 to 5.')))!;
  const user = await ask(ctx, `User name. ${preset.userHint}`, current?.user);
  let imap: ServerEndpoint | undefined;
  let smtp: ServerEndpoint | undefined;
  if (preset.imap && preset.smtp) {
    const standard = `${describeEndpoint(preset.imap)} and ${describeEndpoint(preset.smtp)}`;
    if (yes(await ask(ctx, `Use ${preset.label}'s servers ${standard}? (Y/n)`, 'y'))) [imap, smtp] = [preset.imap, preset.smtp];
  }
  if (!imap) {
    const same = current?.preset === preset.id ? current : null;
    imap = (await askEndpoint(ctx, 'IMAP', same ? { host: same.host, port: same.port, tls: same.tls } : preset.imap))!;
    smtp = await askEndpoint(ctx, 'SMTP', same?.smtp ?? preset.smtp, imap.host.replace(/^imap\./, 'smtp.'));
  }
  const ca = preset.id === 'generic' ? await askCa(ctx, current?.ca) : undefined;
  const fromAddress = user.includes('@') ? undefined : await ask(ctx, 'Your email address (the From of mail you send)', current?.fromAddress, (v) => (/^[^\s@]+@[^\s@]+$/.test(v) ? null : 'That is not an email address.'));
  return { preset: preset.id, ...imap, user, ...(smtp ? { smtp } : {}), ...(ca ? { ca } : {}), ...(fromAddress ? { fromAddress } : {}) };
}

async function askPassword(ctx: SetupContext, preset: MailPreset, stored: string | null): Promise<string> {
  const keep = stored ? ' (Enter keeps the stored one)' : '';
  for (let i = 0; i < MAX_TRIES; i++) {
    const answer = await ctx.prompt({ label: `Password or app password${keep}. ${preset.passwordHint}`, masked: true });
    if (answer) return answer;
    if (stored) return stored;
  }
  throw stopped('setup stopped', 'no password was given');
}

async function save(ctx: SetupContext, settings: StoredSettings, password: string): Promise<void> {
  await ctx.secrets.set(SETTINGS_KEY, JSON.stringify(settings));
  await ctx.secrets.set(PASSWORD_KEY, password);
}

export async function runSetup(ctx: SetupContext): Promise<void> {
  let current = await readSettings(ctx.secrets);
  for (;;) {
    const settings = await askSettings(ctx, current);
    const password = await askPassword(ctx, findPreset(settings.preset ?? 'generic')!, await ctx.secrets.get(PASSWORD_KEY));
    const verdict = await testLogin(settings, password);
    if (verdict.ok) {
      if (!yes(await ask(ctx, `✓ ${verdict.summary} Save these settings? (Y/n)`, 'y'))) throw stopped('setup cancelled', 'nothing was saved');
      return save(ctx, settings, password);
    }
    const choice = (await ask(ctx, `✗ ${verdict.summary} — r: change the answers, s: save anyway, c: cancel`, 'r', (v) => (/^[rsc]$/i.test(v) ? null : 'Answer r, s or c.'))).toLowerCase();
    if (choice === 'c') throw stopped('setup cancelled', `nothing was saved: ${verdict.summary}`);
    if (choice === 's') return save(ctx, settings, password);
    current = settings;
  }
}
