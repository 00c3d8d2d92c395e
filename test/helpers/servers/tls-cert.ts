/** A throw-away self-signed certificate for 127.0.0.1/localhost, made with the openssl program. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireProgram } from './server-process.js';

export interface SelfSignedCert {
  certPath: string;
  keyPath: string;
  /** The certificate in PEM: give it to clients as their only trusted CA (`tls.ca`). */
  certPem: string;
}

export function makeSelfSignedCert(dir: string): SelfSignedCert {
  const openssl = requireProgram('openssl', 'openssl');
  const certPath = join(dir, 'cert.pem');
  const keyPath = join(dir, 'key.pem');
  execFileSync(
    openssl,
    [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', keyPath, '-out', certPath, '-days', '2', '-subj', '/CN=localhost',
      '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'], timeout: 15_000 },
  );
  return { certPath, keyPath, certPem: readFileSync(certPath, 'utf8') };
}
