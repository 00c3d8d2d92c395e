import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { homePaths, pyraHome } from '../config/home.js';
import { scanText } from '../security/injection-scanner.js';
import { logSecurityEvent } from '../security/security-log.js';

/** `pyra security scan [FILE|-]`: scans a file or stdin for prompt injection and prints the findings as JSON. */

export interface SecurityScanRequest {
  /** Path of the file to scan; absent or `-` means stdin. */
  file?: string;
  /** Text or stream to read when scanning stdin; absent means there is no stdin to read (a TTY). */
  stdin?: string | NodeJS.ReadableStream;
  /** The Pyra home; flagged results are logged to its security.log when the folder exists. */
  home: string;
}

export interface SecurityScanOutcome {
  /** 0 clean or suspicious, 1 flagged, 2 error. */
  exitCode: number;
  stdout: string;
  stderr: string;
}

export const MAX_SCAN_INPUT_BYTES = 64 * 1024 * 1024;

class InputError extends Error {}

async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > MAX_SCAN_INPUT_BYTES) throw new InputError(`stdin is larger than ${MAX_SCAN_INPUT_BYTES / 1024 / 1024} MiB`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function readInput(request: SecurityScanRequest): Promise<{ text: string; source: string }> {
  if (request.file !== undefined && request.file !== '-') {
    const file = request.file;
    let size: number;
    try {
      const stats = statSync(file);
      if (stats.isDirectory()) throw new InputError(`${file} is a folder, not a file`);
      size = stats.size;
    } catch (err) {
      if (err instanceof InputError) throw err;
      const code = (err as NodeJS.ErrnoException).code;
      throw new InputError(code === 'ENOENT' ? `${file} does not exist` : `cannot read ${file} (${code ?? (err as Error).message})`);
    }
    if (size > MAX_SCAN_INPUT_BYTES) throw new InputError(`${file} is larger than ${MAX_SCAN_INPUT_BYTES / 1024 / 1024} MiB`);
    try {
      return { text: await readFile(file, 'utf8'), source: `cli:file:${basename(file)}` };
    } catch (err) {
      throw new InputError(`cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
  }
  if (request.stdin === undefined) throw new InputError('nothing to scan: give a FILE, or pipe text into stdin');
  const text = typeof request.stdin === 'string' ? request.stdin : await readStream(request.stdin);
  return { text, source: 'cli:stdin' };
}

/** The whole command, minus process I/O: what to print and which exit code to set. */
export async function runSecurityScan(request: SecurityScanRequest): Promise<SecurityScanOutcome> {
  let input: { text: string; source: string };
  try {
    input = await readInput(request);
  } catch (err) {
    const message = err instanceof InputError ? err.message : (err as Error).message;
    return { exitCode: 2, stdout: '', stderr: `pyra security scan: ${message}\n` };
  }

  const result = scanText(input.text, { source: input.source });
  const stdout = JSON.stringify({ verdict: result.verdict, findings: result.findings, truncated: result.truncated }, null, 2) + '\n';
  let stderr = '';
  if (result.verdict === 'flagged' && existsSync(request.home)) {
    try {
      logSecurityEvent(homePaths(request.home).securityLog, {
        source: input.source,
        kind: 'injection',
        verdict: result.verdict,
        findings: result.findings,
      });
    } catch (err) {
      stderr = `pyra security scan: could not write the security log (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})\n`;
    }
  }
  return { exitCode: result.verdict === 'flagged' ? 1 : 0, stdout, stderr };
}

interface ScanArgs {
  file?: string;
}

const scanCommand: CommandModule<object, ScanArgs> = {
  command: 'scan [file]',
  describe: 'Scan a file (or stdin, with - or a pipe) for prompt injection; prints JSON, exits 1 when flagged',
  builder: (yargs: Argv<object>) =>
    yargs.positional('file', { type: 'string', describe: 'File to scan; - or nothing reads stdin' }) as unknown as Argv<ScanArgs>,
  handler: async (argv) => {
    const file = argv.file;
    const readsStdin = file === '-' || (file === undefined && !process.stdin.isTTY);
    const outcome = await runSecurityScan({
      file: file === '-' ? undefined : file,
      stdin: readsStdin ? process.stdin : undefined,
      home: pyraHome(),
    });
    process.stdout.write(outcome.stdout);
    process.stderr.write(outcome.stderr);
    process.exitCode = outcome.exitCode;
  },
};

export const securityCommand: CommandModule<object, object> = {
  command: 'security <command>',
  describe: 'Security tools: scan text for prompt injection',
  builder: (yargs: Argv<object>) => yargs.command(scanCommand).demandCommand(1, 'Name a security command, e.g. pyra security scan FILE'),
  handler: () => {},
};
