/**
 * A real Dovecot IMAP server for integration tests: 127.0.0.1 only, OS-picked ports, everything
 * (config, runtime sockets, maildirs, logs) in one temp dir, `{PLAIN}` passwd-file users.
 *
 *   const imap = await startDovecot({ users: [{ user: 'alice', password: 'pw' }], tls: true });
 *   await imap.deliver('alice', rawMessage);       // into alice's INBOX, through dovecot-lda
 *   // plain IMAP (offers STARTTLS when tls) on imap.port, IMAPS on imap.imapsPort (trust imap.certPem)
 *   await imap.kill(); await imap.restart(); await imap.stop();
 */
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { makeSelfSignedCert } from './tls-cert.js';
import { freePort, makeTempDir, requireProgram, spawnServer, waitForPort, waitForPortClosed, type ServerProcess } from './server-process.js';

export interface MailUser {
  user: string;
  password: string;
}

export interface DovecotOptions {
  users: MailUser[];
  /** Also listen for IMAPS and offer STARTTLS on the plain port, with a fresh self-signed cert. */
  tls?: boolean;
}

export interface DovecotServer {
  host: '127.0.0.1';
  /** Plain IMAP (with STARTTLS offered when `tls`). */
  port: number;
  imapsPort?: number;
  /** The self-signed certificate, to be trusted as the only CA by clients. */
  certPem?: string;
  dir: string;
  users: MailUser[];
  /** Delivers a raw RFC 822 message into `user`'s INBOX (or `folder`, created when missing). */
  deliver(user: string, rawMessage: string | Buffer, folder?: string): Promise<void>;
  /** Clean shutdown (SIGTERM to the process group); the data stays until stop(). */
  halt(): Promise<void>;
  /** SIGKILL to the whole process group: the server vanishes as in a crash. */
  kill(): Promise<void>;
  /** Stops if running, then starts again on the same ports with the same mail. */
  restart(): Promise<void>;
  /** Stops the server and removes its temp dir. */
  stop(): Promise<void>;
}

const LIB_DIRS = ['/usr/lib/dovecot', '/usr/libexec/dovecot'];

export async function startDovecot(options: DovecotOptions): Promise<DovecotServer> {
  const dovecot = requireProgram('dovecot', 'dovecot-imapd', ['/usr/sbin/dovecot']);
  const lda = requireProgram('dovecot-lda', 'dovecot-core', LIB_DIRS.map((dir) => join(dir, 'dovecot-lda')));
  const temp = makeTempDir('pyra-dovecot-');
  const dir = temp.path;
  const runAs = mailAccount();
  // The mail processes run as runAs, not as the test process: they must reach into the temp dir.
  chmodSync(dir, 0o755);
  for (const sub of ['run', 'state', 'log']) mkdirSync(join(dir, sub));
  mkdirSync(join(dir, 'mail'));
  if (runAs.chown) chownSync(join(dir, 'mail'), runAs.chown.uid, runAs.chown.gid);
  writeFileSync(join(dir, 'passwd'), options.users.map(({ user, password }) => `${user}:{PLAIN}${password}::::::\n`).join(''));

  const port = await freePort();
  const imapsPort = options.tls ? await freePort() : undefined;
  const cert = options.tls ? makeSelfSignedCert(dir) : undefined;
  const configPath = join(dir, 'dovecot.conf');
  writeFileSync(configPath, dovecotConfig({ dir, port, imapsPort, cert, runAs }));

  let server: ServerProcess | undefined;
  const launch = async (): Promise<void> => {
    server = spawnServer(dovecot, ['-F', '-c', configPath]);
    await waitForPort(port, server, 'Dovecot', { expect: /^\* OK/ });
  };
  const portsClosed = async (): Promise<void> => {
    for (const p of [port, imapsPort]) if (p !== undefined) await waitForPortClosed(p);
  };
  const halt = async (): Promise<void> => {
    // Dovecot lingers about a second for open client connections; a test server need not wait.
    await server?.stop(300);
    server = undefined;
    await portsClosed();
  };
  await launch();

  return {
    host: '127.0.0.1',
    port,
    imapsPort,
    certPem: cert?.certPem,
    dir,
    users: options.users.map((u) => ({ ...u })),
    deliver: (user, rawMessage, folder) => deliverWithLda(lda, configPath, user, rawMessage, folder),
    halt,
    kill: async () => {
      await server?.kill();
      server = undefined;
      await portsClosed();
    },
    restart: async () => {
      await halt();
      await launch();
    },
    stop: async () => {
      await halt();
      temp.remove();
    },
  };
}

interface RunAs {
  internalUser: string;
  loginUser: string;
  /** Set when running as root: mail cannot be owned by uid 0, so it belongs to the dovecot user. */
  chown?: { uid: number; gid: number };
  mailUser?: string;
}

function mailAccount(): RunAs {
  const me = userInfo();
  if (me.uid !== 0) return { internalUser: me.username, loginUser: me.username };
  const ids = (name: string): { uid: number; gid: number } | null => {
    try {
      const out = spawnSyncText('id', ['-u', name]) + ' ' + spawnSyncText('id', ['-g', name]);
      const [uid, gid] = out.trim().split(/\s+/).map(Number);
      return Number.isInteger(uid) && Number.isInteger(gid) ? { uid: uid!, gid: gid! } : null;
    } catch {
      return null;
    }
  };
  const mail = ids('dovecot');
  if (!mail) throw new Error('Running as root, Dovecot needs the "dovecot" system user (created by the dovecot-core package).');
  const loginUser = ids('dovenull') ? 'dovenull' : 'dovecot';
  return { internalUser: 'dovecot', loginUser, chown: mail, mailUser: 'dovecot' };
}

function spawnSyncText(program: string, args: string[]): string {
  return execFileSync(program, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
}

function dovecotConfig(p: {
  dir: string;
  port: number;
  imapsPort?: number;
  cert?: { certPath: string; keyPath: string };
  runAs: RunAs;
}): string {
  const { dir, runAs } = p;
  const mailOwner = runAs.mailUser ? `mail_uid = ${runAs.mailUser}\nmail_gid = ${runAs.mailUser}\nfirst_valid_uid = 1\n` : '';
  const ssl = p.cert ? `ssl = yes\nssl_cert = <${p.cert.certPath}\nssl_key = <${p.cert.keyPath}\n` : 'ssl = no\n';
  const imaps = p.imapsPort
    ? `  inet_listener imaps {\n    address = 127.0.0.1\n    port = ${p.imapsPort}\n    ssl = yes\n  }\n`
    : '';
  return `# Generated for one test run.
protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/log/dovecot.log
info_log_path = ${dir}/log/dovecot.log
default_internal_user = ${runAs.internalUser}
default_login_user = ${runAs.loginUser}
${mailOwner}mail_location = maildir:${dir}/mail/%u
${ssl}disable_plaintext_auth = no
auth_mechanisms = plain login
# Otherwise every failed login costs two seconds or more (a failure still takes ~0.5 s: Dovecot
# answers queued failures on a 500 ms tick).
auth_failure_delay = 0
lda_mailbox_autocreate = yes
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = passwd-file
  args = username_format=%u ${dir}/passwd
  default_fields = home=${dir}/mail/%u
}
# Without the auth-penalty socket, repeated failed logins get no growing delay (2 s, 4 s … 15 s).
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${p.port}
  }
${imaps}}
namespace inbox {
  inbox = yes
  separator = /
  mailbox Sent {
    special_use = \\Sent
    auto = subscribe
  }
  mailbox Trash {
    special_use = \\Trash
    auto = subscribe
  }
  mailbox Archive {
    special_use = \\Archive
    auto = subscribe
  }
}
`;
}

function deliverWithLda(lda: string, configPath: string, user: string, raw: string | Buffer, folder?: string): Promise<void> {
  const args = ['-c', configPath, '-d', user, ...(folder ? ['-m', folder] : [])];
  return new Promise((resolve, reject) => {
    const child = spawn(lda, args, { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`dovecot-lda could not deliver to ${user} (exit ${code}): ${stderr.trim()}`));
    });
    child.stdin.end(normalizeNewlines(raw));
  });
}

/** dovecot-lda reads a message as a local file: LF line ends, as Postfix hands it over. */
function normalizeNewlines(raw: string | Buffer): Buffer {
  const text = Buffer.isBuffer(raw) ? raw.toString('latin1') : raw;
  return Buffer.from(text.replace(/\r\n/g, '\n'), Buffer.isBuffer(raw) ? 'latin1' : 'utf8');
}
