/**
 * `pyra plugin setup nextcloud`: server URL, user, app password, then discovery with a clear verdict
 * (calendars, contacts, files). Plain CalDAV/CardDAV servers work too: when no files service answers,
 * setup asks for a WebDAV URL for files or goes without. Nothing is stored until the person accepts
 * the verdict; the settings (no secret in them) go to plugin:nextcloud:settings as JSON, the app
 * password to plugin:nextcloud:app_password.
 *
 * The questions, in order (a scripted setup answers them the same way):
 *   1. server URL   2. user name   3. app password (masked)
 *   4. only if no files service answered and the login worked: a WebDAV URL for files (empty: none)
 *   5. the verdict: save (Y/n), or r / s / c after a failure
 */
import type { SetupContext } from '../../app/plugins/sdk.js';
import { MAX_TRIES, ask, stopped, yes } from '../shared/setup-prompts.js';
import { PASSWORD_KEY, SETTINGS_KEY, discoveryCache, readSettings, type StoredSettings } from './account.js';
import { checkSettings, discover, isDavError, type DiscoveryReport } from './lib/index.js';


/** null when the URL can be used for the account, else why not (http only on this machine, …). */
function urlProblem(url: string, user = 'check'): string | null {
  if (!url) return 'An answer is needed.';
  try {
    checkSettings({ serverUrl: url, user });
    return null;
  } catch (error) {
    if (isDavError(error)) return error.message;
    throw error;
  }
}

async function askPassword(ctx: SetupContext, stored: string | null): Promise<string> {
  const keep = stored ? ' (Enter keeps the stored one)' : '';
  for (let i = 0; i < MAX_TRIES; i++) {
    const answer = await ctx.prompt({ label: `App password${keep}. In Nextcloud: Settings → Security → Devices & sessions → Create new app password`, masked: true });
    if (answer) return answer;
    if (stored) return stored;
  }
  throw stopped('setup stopped', 'no app password was given');
}

/** Discovery; when calendars or contacts answer but files do not, asks once for a files URL (or none). */
async function check(ctx: SetupContext, settings: StoredSettings, password: string): Promise<{ settings: StoredSettings; report: DiscoveryReport }> {
  const base: StoredSettings = { serverUrl: settings.serverUrl, user: settings.user, ...(settings.filesUrl ? { filesUrl: settings.filesUrl } : {}) };
  let report = await discover(base, password, { cache: discoveryCache });
  if (report.files.ok || !report.ok) return { settings: base, report };
  const tried = report.files.url || checkSettings(base).filesRoot.href;
  const filesUrl = await ask(ctx, `No files (WebDAV) service at ${tried}. WebDAV URL of your files ("none": no files)`, settings.filesUrl ?? 'none', (value) =>
    value.toLowerCase() === 'none' ? null : urlProblem(value),
  );
  if (filesUrl.toLowerCase() === 'none') return { settings: { ...base, noFiles: true }, report };
  // Kept even when it does not answer either: the verdict then says why, and the person decides.
  const withFiles = { ...base, filesUrl };
  return { settings: withFiles, report: await discover(withFiles, password, { cache: discoveryCache }) };
}

/** The summary, plus the first failure worth knowing: not "there is no such service here". */
function verdictText(report: DiscoveryReport, settings: StoredSettings): string {
  const failed = [report.caldav, report.carddav].filter((s) => !s.ok && s.kind !== 'discoveryFailed');
  if (!report.files.ok && settings.filesUrl) failed.push(report.files);
  return failed.length ? `${report.summary} (${failed[0]!.message})` : report.summary;
}

async function save(ctx: SetupContext, settings: StoredSettings, password: string): Promise<void> {
  await ctx.secrets.set(SETTINGS_KEY, JSON.stringify(settings));
  await ctx.secrets.set(PASSWORD_KEY, password);
}

export async function runSetup(ctx: SetupContext): Promise<void> {
  let current = await readSettings(ctx.secrets);
  for (;;) {
    const serverUrl = await ask(ctx, 'Server URL, as you open it in a browser (e.g. https://cloud.example.com)', current?.serverUrl, (v) => urlProblem(v));
    const user = await ask(ctx, 'User name', current?.user, (v) => (v && !/[/\\]/.test(v) ? null : 'A user name without slashes is needed.'));
    const password = await askPassword(ctx, await ctx.secrets.get(PASSWORD_KEY));
    const { settings, report } = await check(ctx, { ...(current ?? {}), serverUrl, user }, password);
    if (report.ok) {
      if (!yes(await ask(ctx, `✓ ${verdictText(report, settings)} Save these settings? (Y/n)`, 'y'))) throw stopped('setup cancelled', 'nothing was saved');
      return save(ctx, settings, password);
    }
    const choice = (await ask(ctx, `✗ ${report.summary} — r: change the answers, s: save anyway, c: cancel`, 'r', (v) => (/^[rsc]$/i.test(v) ? null : 'Answer r, s or c.'))).toLowerCase();
    if (choice === 'c') throw stopped('setup cancelled', `nothing was saved: ${report.summary}`);
    if (choice === 's') return save(ctx, settings, password);
    current = settings;
  }
}
