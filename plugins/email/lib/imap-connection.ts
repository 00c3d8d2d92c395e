/**
 * IMAP connections: options from settings, and a small pool that keeps one logged-in connection per
 * account for a while, drops it when the server closes it, and reconnects on the next call.
 *
 * The password is handed in by every call and used only to log in; it is scrubbed from the library's
 * options once logged in, and the pool keys accounts by an HMAC of it (with a per-pool random key), so
 * a changed password never reuses a connection made with the old one.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import { MailError, toMailError, type ErrorContext } from './errors.js';
import { requirePassword, validateMailSettings, type MailSettings } from './settings.js';

export interface ImapTimeouts {
  connectMs?: number;
  greetingMs?: number;
  socketMs?: number;
}

export function imapOptions(settings: MailSettings, password: string, timeouts: ImapTimeouts = {}): ImapFlowOptions {
  const tls = { ...(settings.ca ? { ca: settings.ca } : {}), servername: sniName(settings.host) };
  return {
    host: settings.host,
    port: settings.port,
    secure: settings.tls === 'implicit',
    // starttls must upgrade (never fall back to plaintext); none must not try.
    doSTARTTLS: settings.tls === 'starttls' ? true : settings.tls === 'none' ? false : undefined,
    tls: settings.tls === 'none' ? undefined : tls,
    auth: { user: settings.user, pass: password },
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: timeouts.connectMs ?? 15_000,
    greetingTimeout: timeouts.greetingMs ?? 15_000,
    socketTimeout: timeouts.socketMs ?? 120_000,
    clientInfo: { name: 'Pyra' },
  };
}

/** SNI needs a name; for an IP literal Node warns, so leave it out. */
function sniName(host: string): string | undefined {
  return /^[\d.]+$|:/.test(host) ? undefined : host;
}

export function errorContext(settings: MailSettings, extra: Partial<ErrorContext> = {}): ErrorContext {
  return { service: 'imap', host: settings.host, port: settings.port, user: settings.user, ...extra };
}

/** Opens a fresh, logged-in connection (the caller owns it and must log out). */
export async function connectImap(settings: MailSettings, password: string, timeouts?: ImapTimeouts): Promise<ImapFlow> {
  validateMailSettings(settings);
  requirePassword(password);
  const options = imapOptions(settings, password, timeouts);
  const client = new ImapFlow(options);
  // A late socket error after connect() must not become an uncaught exception.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    client.close();
    throw toMailError(error, errorContext(settings));
  }
  client.options.auth = { user: settings.user };
  return client;
}

interface PoolEntry {
  client: Promise<ImapFlow>;
  idleTimer?: NodeJS.Timeout;
  busy: number;
}

export interface RunOptions {
  /**
   * Read-only work may be retried once on a fresh connection when a reused connection turns out to
   * be dead. Never set this for moves, flag changes or anything else that must not happen twice.
   */
  retryOnDrop?: boolean;
  /** Used to name the folder in a "folder missing" error. */
  folder?: string;
}

export interface ImapPoolOptions {
  /** Close a connection after this long without use (default 60 s). */
  idleCloseMs?: number;
  timeouts?: ImapTimeouts;
}

export class ImapPool {
  private readonly entries = new Map<string, PoolEntry>();
  private readonly keySecret = randomBytes(32);
  private readonly idleCloseMs: number;
  private readonly timeouts: ImapTimeouts;

  constructor(options: ImapPoolOptions = {}) {
    this.idleCloseMs = options.idleCloseMs ?? 60_000;
    this.timeouts = options.timeouts ?? {};
  }

  /** Runs `work` on the account's live connection, connecting (again) when there is none. */
  async run<T>(settings: MailSettings, password: string, work: (client: ImapFlow) => Promise<T>, options: RunOptions = {}): Promise<T> {
    validateMailSettings(settings);
    requirePassword(password);
    const key = this.keyFor(settings, password);
    const ctx = errorContext(settings, { folder: options.folder });
    for (let attempt = 0; ; attempt++) {
      const { entry, reused } = this.acquire(key, settings, password);
      let client: ImapFlow;
      try {
        client = await entry.client;
      } catch (error) {
        this.release(key, entry);
        throw toMailError(error, ctx);
      }
      try {
        if (!client.usable) throw Object.assign(new Error('Connection not available'), { code: 'NoConnection' });
        return await work(client);
      } catch (error) {
        const mailError = toMailError(error, ctx);
        if (mailError.kind === 'connectionDropped' || mailError.kind === 'timeout') {
          this.discard(key, entry, client);
          if (reused && options.retryOnDrop && attempt === 0) continue;
        }
        throw mailError;
      } finally {
        this.release(key, entry);
      }
    }
  }

  /** Number of connections currently held (for tests and diagnostics). */
  get size(): number {
    return this.entries.size;
  }

  async closeAll(): Promise<void> {
    const entries = [...this.entries.values()];
    this.entries.clear();
    await Promise.all(entries.map((entry) => this.close(entry)));
  }

  private keyFor(settings: MailSettings, password: string): string {
    const tag = createHmac('sha256', this.keySecret).update(password).digest('hex').slice(0, 32);
    return JSON.stringify([settings.host.toLowerCase(), settings.port, settings.tls, settings.user, settings.ca ?? '', tag]);
  }

  private acquire(key: string, settings: MailSettings, password: string): { entry: PoolEntry; reused: boolean } {
    const existing = this.entries.get(key);
    if (existing) {
      existing.busy++;
      if (existing.idleTimer) clearTimeout(existing.idleTimer);
      existing.idleTimer = undefined;
      return { entry: existing, reused: true };
    }
    const entry: PoolEntry = { busy: 1, client: connectImap(settings, password, this.timeouts) };
    this.entries.set(key, entry);
    entry.client.then(
      (client) => client.once('close', () => this.forget(key, entry)),
      () => this.forget(key, entry),
    );
    return { entry, reused: false };
  }

  private release(key: string, entry: PoolEntry): void {
    entry.busy--;
    if (entry.busy > 0 || this.entries.get(key) !== entry) return;
    entry.idleTimer = setTimeout(() => {
      this.forget(key, entry);
      void this.close(entry);
    }, this.idleCloseMs);
    entry.idleTimer.unref();
  }

  private forget(key: string, entry: PoolEntry): void {
    if (this.entries.get(key) === entry) this.entries.delete(key);
    if (entry.idleTimer) clearTimeout(entry.idleTimer);
  }

  private discard(key: string, entry: PoolEntry, client: ImapFlow): void {
    this.forget(key, entry);
    client.close();
  }

  private async close(entry: PoolEntry): Promise<void> {
    if (entry.idleTimer) clearTimeout(entry.idleTimer);
    const client = await entry.client.catch(() => null);
    if (!client) return;
    await client.logout().catch(() => client.close());
  }
}

/** The pool a plugin process uses unless a caller passes its own. */
export const defaultImapPool = new ImapPool();

/** Opens `folder` for the duration of `work` (imapflow serialises folder use per connection). */
export async function withFolder<T>(client: ImapFlow, folder: string, work: () => Promise<T>): Promise<T> {
  let selected = false;
  const onOpen = (): void => {
    selected = true;
  };
  client.on('mailboxOpen', onOpen);
  let lock;
  try {
    lock = await client.getMailboxLock(folder);
  } finally {
    client.off('mailboxOpen', onOpen);
  }
  try {
    // A folder left selected by an earlier call may not have heard of new mail yet: NOOP syncs it.
    if (!selected) await client.noop();
    return await work();
  } finally {
    lock.release();
  }
}

/** A message gone from the folder, as a MailError. */
export function messageGone(folder: string, uid: number): MailError {
  return new MailError('messageGone', `Message ${uid} is no longer in "${folder}" (deleted or moved).`, 'imap');
}
