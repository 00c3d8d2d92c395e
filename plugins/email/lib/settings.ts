/**
 * Connection settings for one mail account. The password is never part of them: every function
 * takes it as a separate argument at call time.
 */
import { MailError } from './errors.js';

/** implicit: TLS from the first byte (993/465); starttls: upgrade a plain connection (143/587); none: loopback only. */
export type TlsMode = 'implicit' | 'starttls' | 'none';

export interface ServerEndpoint {
  host: string;
  port: number;
  tls: TlsMode;
}

export interface SmtpEndpoint extends ServerEndpoint {
  /** Defaults to the IMAP user. */
  user?: string;
}

export interface MailSettings extends ServerEndpoint {
  user: string;
  smtp?: SmtpEndpoint;
  /**
   * CA certificates (PEM) to trust instead of the system's, for self-hosted servers with their own CA
   * or a self-signed certificate. Certificates are always verified; there is deliberately no switch
   * to turn verification off.
   */
  ca?: string;
  /** The address used as From: when sending (defaults to the user when it looks like an address). */
  fromAddress?: string;
  fromName?: string;
}

const LOOPBACK_NAMES = new Set(['localhost', 'localhost.localdomain', '::1', '[::1]']);

export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase();
  if (LOOPBACK_NAMES.has(h) || h.endsWith('.localhost')) return true;
  return /^127(\.\d{1,3}){3}$/.test(h) || /^::ffff:127(\.\d{1,3}){3}$/.test(h);
}

function checkEndpoint(endpoint: ServerEndpoint, label: string): void {
  if (!endpoint || typeof endpoint.host !== 'string' || !endpoint.host.trim() || /[\s/]/.test(endpoint.host.trim())) {
    throw new MailError('invalidArgument', `${label} host is missing or not a host name.`);
  }
  if (!Number.isInteger(endpoint.port) || endpoint.port < 1 || endpoint.port > 65535) {
    throw new MailError('invalidArgument', `${label} port must be a number from 1 to 65535.`);
  }
  if (!['implicit', 'starttls', 'none'].includes(endpoint.tls)) {
    throw new MailError('invalidArgument', `${label} tls must be "implicit", "starttls" or "none".`);
  }
  if (endpoint.tls === 'none' && !isLoopbackHost(endpoint.host)) {
    throw new MailError(
      'insecureRefused',
      `Refusing to send the password unencrypted to ${endpoint.host}: use tls "implicit" or "starttls" (tls "none" is only for servers on this machine).`,
    );
  }
}

/** Throws a MailError (invalidArgument / insecureRefused) when the settings cannot be used. */
export function validateMailSettings(settings: MailSettings, options: { smtp?: boolean } = {}): void {
  if (!settings || typeof settings.user !== 'string' || !settings.user.trim()) {
    throw new MailError('invalidArgument', 'The mail user name is missing.');
  }
  checkEndpoint(settings, 'IMAP');
  if (options.smtp) {
    if (!settings.smtp) throw new MailError('invalidArgument', 'No SMTP server is configured for sending.');
    checkEndpoint(settings.smtp, 'SMTP');
  }
}

export function requirePassword(password: string): void {
  if (typeof password !== 'string' || password.length === 0) {
    throw new MailError('invalidArgument', 'No password was given for the mail account.');
  }
}

/** The From address for sending: explicit, else the user when it is an address. */
export function senderAddress(settings: MailSettings): { name?: string; address: string } {
  const address = settings.fromAddress ?? (settings.user.includes('@') ? settings.user : undefined);
  if (!address) throw new MailError('invalidArgument', 'Set fromAddress: the user name is not an email address.');
  return settings.fromName ? { name: settings.fromName, address } : { address };
}
