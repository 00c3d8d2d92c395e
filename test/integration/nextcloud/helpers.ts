// Shared set-up for the Nextcloud/DAV client tests.
import type { NextcloudSettings } from '../../../plugins/nextcloud/lib/index.js';

export const ALICE = { user: 'alice', password: 'alice-app-password' };

export function settingsFor(serverUrl: string, extra: Partial<NextcloudSettings> = {}): NextcloudSettings {
  return { serverUrl, user: ALICE.user, timeoutMs: 5000, ...extra };
}

export async function rejection(promise: Promise<unknown>): Promise<Error & { kind?: string; status?: number }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { kind?: string; status?: number };
  }
  throw new Error('expected the call to fail, but it succeeded');
}
