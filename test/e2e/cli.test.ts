/**
 * The one-shot CLI surface of the built `pyra`, run as a plain child process (stdout is a pipe, not a
 * terminal) with a temporary HOME and PYRA_HOME.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { BUILT_MAIN, PYRA_BIN, REPO_ROOT, childEnvironment } from '../helpers/pty-session.js';

interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

function runPyra(args: string[]): CliResult {
  const child = childEnvironment();
  try {
    const result = spawnSync(process.execPath, [PYRA_BIN, ...args], {
      cwd: child.homeDir,
      env: child.env,
      encoding: 'utf8',
      timeout: 15_000,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    if (result.error) throw result.error;
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  } finally {
    child.cleanup();
  }
}

const describeResult = (r: CliResult) => `exit ${r.status}\n--- stdout:\n${r.stdout}\n--- stderr:\n${r.stderr}`;
const lineCount = (text: string) => text.trimEnd().split('\n').length;

/** An unknown command or flag: a short error naming it plus usage, on stderr, exit 2. */
function expectUsageError(result: CliResult, offending: string): void {
  expect(result.status, describeResult(result)).to.equal(2);
  expect(result.stderr, 'names what was wrong').to.include(offending);
  expect(result.stderr, 'shows usage').to.match(/usage/i);
  expect(lineCount(result.stderr), 'a short error, not the whole manual').to.be.at.most(20);
  expect(result.stdout, 'nothing on stdout').to.equal('');
}

describe('pyra CLI (e2e, no terminal)', function () {
  this.timeout(30_000);

  before(function () {
    if (!existsSync(BUILT_MAIN)) throw new Error('dist/main.js is missing: run npm run build first');
  });

  it('--version prints the package.json version and exits 0', function () {
    const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    const result = runPyra(['--version']);
    expect(result.status, describeResult(result)).to.equal(0);
    expect(result.stdout.trim()).to.include(version);
  });

  it('--help lists the commands and exits 0', function () {
    const result = runPyra(['--help']);
    expect(result.status, describeResult(result)).to.equal(0);
    expect(result.stdout).to.match(/commands/i);
    expect(result.stdout).to.include('completion');
  });

  it('an unknown command prints a short error and usage on stderr, exit 2', function () {
    expectUsageError(runPyra(['bogus']), 'bogus');
  });

  it('an unknown flag prints a short error and usage on stderr, exit 2', function () {
    expectUsageError(runPyra(['--bogus-flag']), 'bogus-flag');
  });

  it('the dashboard without a terminal exits 2 and says it needs one', function () {
    const result = runPyra([]);
    expect(result.status, describeResult(result)).to.equal(2);
    expect(result.stderr, describeResult(result)).to.match(/terminal|tty/i);
  });

  it('completion prints a shell completion script', function () {
    const result = runPyra(['completion']);
    expect(result.status, describeResult(result)).to.equal(0);
    expect(result.stdout).to.include('pyra');
    expect(result.stdout).to.match(/\bcomplete\b|compdef/);
  });
});
