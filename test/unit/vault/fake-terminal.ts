import { PassThrough } from 'node:stream';
import type { SecretInput } from '../../../app/vault/secret-input.js';

/** A stand-in for a terminal's stdin: records raw-mode changes. */
export function fakeTerminal(): SecretInput & PassThrough & { rawModes: boolean[] } {
  const stream = new PassThrough() as PassThrough & SecretInput & { rawModes: boolean[] };
  stream.isTTY = true;
  stream.isRaw = false;
  stream.rawModes = [];
  stream.setRawMode = (raw: boolean) => {
    stream.rawModes.push(raw);
    stream.isRaw = raw;
    return stream;
  };
  return stream;
}
