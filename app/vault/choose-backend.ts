/**
 * Which backend a vault uses. Secrets anchor the choice: a backend that already holds secrets stays in
 * use until `pyra vault migrate` moves them, even when config.json asks for the other one (a status
 * note says so), so changing the config can never make secrets look lost. Otherwise the configured
 * backend wins; with none configured, the keychain when it works, else the file vault when a
 * passphrase can be had, else an error naming both ways out.
 */
import type { BackendName, BackendProbe, VaultBackend } from './backend.js';
import { readBackendRecord } from './backend-record.js';
import { VaultUnavailableError } from './errors.js';
import type { KeychainBackend } from './keychain-backend.js';
import type { VaultFiles } from './paths.js';

export interface BackendChoice {
  backend: BackendName;
  /** Set when the choice differs from what config.json asks for. */
  note?: string;
}

export interface ChoiceContext {
  files: VaultFiles;
  configured?: BackendName;
  keychain: KeychainBackend;
  file: VaultBackend;
  /** `open` may write a probe item to the keychain; `status` only looks (never prompts). */
  mode: 'open' | 'status';
}

function anchoredBackend(ctx: ChoiceContext): BackendName | null {
  const recorded = readBackendRecord(ctx.files);
  const byName = { keychain: ctx.keychain, file: ctx.file };
  if (recorded && byName[recorded].mayHoldSecrets()) return recorded;
  // No (usable) record: whichever backend shows secrets, keychain first as the default.
  if (ctx.keychain.mayHoldSecrets()) return 'keychain';
  if (ctx.file.mayHoldSecrets()) return 'file';
  return null;
}

/** The choice when it can be made without asking the keychain (secrets anchor it, or config names one); else null. */
export function knownBackend(ctx: Omit<ChoiceContext, 'mode'>): BackendChoice | null {
  const anchored = anchoredBackend({ ...ctx, mode: 'status' });
  if (ctx.configured) {
    if (anchored && anchored !== ctx.configured) {
      return {
        backend: anchored,
        note:
          `config.json asks for the ${ctx.configured} backend, but the secrets are in the ${anchored} ` +
          `backend; move them with: pyra vault migrate --to ${ctx.configured}`,
      };
    }
    return { backend: ctx.configured };
  }
  return anchored ? { backend: anchored } : null;
}

export async function chooseBackend(ctx: ChoiceContext): Promise<BackendChoice> {
  const known = knownBackend(ctx);
  if (known) return known;
  const keychain: BackendProbe = ctx.mode === 'open' ? await ctx.keychain.probeWritable() : await ctx.keychain.probe();
  if (keychain.available) return { backend: 'keychain' };
  if ((await ctx.file.probe()).available) return { backend: 'file' };
  throw new VaultUnavailableError(keychain.reason ?? 'it is not available');
}
