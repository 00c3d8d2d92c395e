// Hostile plugins, run for real in sandboxed child processes: each misbehaviour ends with the plugin
// marked failed with a one-line reason (also in plugin_errors.log), while Pyra's event loop keeps
// turning and a well-behaved plugin next to it keeps answering.
import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import { homePaths } from '../../../app/config/home.js';
import type { PyraToolHost, ToolHostOptions } from '../../../app/plugins/tool-host.js';
import {
  addPlugin,
  errorLog,
  eventLoopWatch,
  fileVault,
  removeTempHomes,
  statusOf,
  stopHosts,
  tempHome,
  testGrant,
  testHost,
  waitFor,
} from './helpers.js';

async function startWith(fixture: string, options: Partial<ToolHostOptions> = {}) {
  const home = tempHome();
  addPlugin(home, 'good');
  addPlugin(home, fixture);
  const host = testHost(home, options);
  const watch = eventLoopWatch();
  await host.start();
  return { home, host, ticks: watch.stop() };
}

async function goodStillAnswers(host: PyraToolHost): Promise<void> {
  expect(statusOf(host, 'good').state).to.equal('loaded');
  const result = await host.call(testGrant('good__echo', { text: 'still here' }));
  expect(result, JSON.stringify(result)).to.include({ ok: true, text: 'echo: still here' });
}

function failedWith(host: PyraToolHost, name: string, reason: RegExp): void {
  const status = statusOf(host, name);
  expect(status.state, JSON.stringify(status)).to.equal('failed');
  expect(status.reason).to.match(reason);
  expect(status.reason, 'one line').not.to.include('\n');
  expect(status.tools).to.deep.equal([]);
}

describe('plugin host: hostile plugins', function () {
  this.timeout(30_000);
  afterEach(stopHosts);
  after(removeTempHomes);

  describe('failing to load', function () {
    // [fixture, reason, slow: the host waits out the load timeout, and its own timers must keep firing meanwhile]
    const cases: [string, RegExp, boolean][] = [
      ['throws-at-import', /^failed to load: Error: boom at import time$/, false],
      ['syntax-error', /^failed to load: SyntaxError: /, false],
      ['loops-at-load', /^did not finish loading within 1\.5 s$/, true],
      ['never-loads', /^did not finish loading within 1\.5 s$/, true],
      ['reads-at-load', /^failed to load: .*permission denied: FileSystemRead \/etc\/passwd/, false],
      ['no-export', /^failed to load: Error: the module exports no plugin/, false],
      ['bad-tool-name', /^tool name "Bad Name!" is not allowed/, false],
    ];
    for (const [fixture, reason, slow] of cases) {
      it(`${fixture}: marked failed with its reason, the host stays responsive`, async function () {
        const { home, host, ticks } = await startWith(fixture, { loadTimeoutMs: 1500 });
        failedWith(host, fixture, reason);
        if (slow) expect(ticks, 'the host timer kept firing while the child hung').to.be.greaterThan(10);
        await goodStillAnswers(host);
        expect(errorLog(home)).to.match(new RegExp(`\\[${fixture}\\] failed: `));
        expect(host.tools().map((t) => t.plugin)).to.not.include(fixture);
      });
    }
  });

  describe('misbehaving in a call', function () {
    it('loops forever in a call: the call times out, the stuck child is killed, others keep working', async function () {
      const { host } = await startWith('loops-in-call', { callTimeoutMs: 800 });
      expect(statusOf(host, 'loops-in-call').state).to.equal('loaded');
      const watch = eventLoopWatch();
      const spinning = host.call(testGrant('loops-in-call__spin'));
      await goodStillAnswers(host); // while the other child spins
      const result = await spinning;
      expect(result).to.include({ ok: false, error: 'timed out after 800 ms' });
      await waitFor(host, () => statusOf(host, 'loops-in-call').state === 'failed');
      expect(watch.stop()).to.be.greaterThan(3);
      failedWith(host, 'loops-in-call', /^spin timed out after 800 ms and the plugin stopped responding$/);
      const after = await host.call(testGrant('loops-in-call__ok'));
      expect(after.ok).to.equal(false);
      expect(after.error).to.match(/no loaded tool/);
    });

    it('a stuck call cancelled through its AbortSignal: the call ends at once and the child is killed', async function () {
      const { host } = await startWith('loops-in-call', { callTimeoutMs: 60_000 });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 200);
      const result = await host.call(testGrant('loops-in-call__spin'), { signal: controller.signal });
      expect(result).to.include({ ok: false, error: 'cancelled' });
      await waitFor(host, () => statusOf(host, 'loops-in-call').state === 'failed');
      failedWith(host, 'loops-in-call', /^spin was cancelled and the plugin stopped responding$/);
    });

    it('a cooperative call cancelled through its AbortSignal: the plugin is told and stays loaded', async function () {
      const { host } = await startWith('loops-in-call');
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 100);
      const result = await host.call(testGrant('good__wait_for_cancel'), { signal: controller.signal });
      expect(result).to.include({ ok: false, error: 'cancelled' });
      await new Promise((resolve) => setTimeout(resolve, 700)); // longer than the grace period
      expect(statusOf(host, 'good').state).to.equal('loaded');
      await goodStillAnswers(host);
    });

    it('calls process.exit: the call fails, the plugin is marked failed, restart brings it back', async function () {
      const { host } = await startWith('exits-in-call');
      const result = await host.call(testGrant('exits-in-call__quit'));
      expect(result.ok).to.equal(false);
      expect(result.error).to.match(/exits-in-call stopped: exited \(code 3\) during a call to quit/);
      failedWith(host, 'exits-in-call', /^exited \(code 3\) during a call to quit$/);
      await goodStillAnswers(host);
      await host.restart('exits-in-call');
      expect(statusOf(host, 'exits-in-call').state).to.equal('loaded');
      expect(host.tool('exits-in-call__quit')).to.exist;
    });

    it('throws from a timer after answering: marked failed as crashed', async function () {
      const { host } = await startWith('crashes-later');
      const result = await host.call(testGrant('crashes-later__later'));
      expect(result).to.include({ ok: true, text: 'scheduled' });
      await waitFor(host, () => statusOf(host, 'crashes-later').state === 'failed');
      failedWith(host, 'crashes-later', /^crashed: Error: uncaught in a timer$/);
      await goodStillAnswers(host);
    });

    it('reads /etc/passwd: refused by the permission model, and the plugin is stopped', async function () {
      const { home, host } = await startWith('reads-outside');
      const own = await host.call(testGrant('reads-outside__own'));
      expect(own).to.include({ ok: true, text: 'reads-outside' });
      const result = await host.call(testGrant('reads-outside__read', { path: '/etc/passwd' }));
      expect(result.ok).to.equal(false);
      expect(result.text).not.to.include('root:');
      expect(result.error).to.match(/permission denied: FileSystemRead \/etc\/passwd/);
      await waitFor(host, () => statusOf(host, 'reads-outside').state === 'failed');
      failedWith(host, 'reads-outside', /^tried to do something its permissions forbid \(FileSystemRead \/etc\/passwd\)$/);
      expect(errorLog(home)).to.include('[reads-outside] failed: tried to do something its permissions forbid');
      await goodStillAnswers(host);
    });

    it("reads the vault file or the config: refused", async function () {
      const home = tempHome();
      await (await fileVault(home)).set('provider:openai:api_key', 'sk-vault-file-canary-000000000000');
      writeFileSync(homePaths(home).config, '{"provider":"openai"}', { mode: 0o600 });
      addPlugin(home, 'reads-outside');
      for (const path of [homePaths(home).vault + '/secrets.age', homePaths(home).config]) {
        const host = testHost(home);
        await host.start();
        const result = await host.call(testGrant('reads-outside__read', { path }));
        expect(result.ok, path).to.equal(false);
        expect(result.error).to.include(`permission denied: FileSystemRead ${path}`);
        await host.stop();
      }
    });

    it('tries child_process: refused and stopped', async function () {
      const { host } = await startWith('spawns-child');
      const result = await host.call(testGrant('spawns-child__run'));
      expect(result.ok).to.equal(false);
      expect(result.error).to.match(/permission denied: ChildProcess/);
      await waitFor(host, () => statusOf(host, 'spawns-child').state === 'failed');
      failedWith(host, 'spawns-child', /permissions forbid \(ChildProcess\)/);
    });

    it('floods stdout (around the runner): killed for flooding, the host keeps turning', async function () {
      const { host } = await startWith('floods-stdout');
      const watch = eventLoopWatch();
      const result = await host.call(testGrant('floods-stdout__flood'));
      expect(result.ok).to.equal(false);
      expect(result.error).to.match(/^floods-stdout stopped: flooded its output/);
      failedWith(host, 'floods-stdout', /^flooded its output \(more than 8 MiB in one second\)$/);
      expect(watch.stop()).to.be.greaterThan(0);
      await goodStillAnswers(host);
    });

    it('sends a line over the size cap: killed', async function () {
      const { host } = await startWith('floods-stdout');
      await host.call(testGrant('floods-stdout__long_line'));
      failedWith(host, 'floods-stdout', /^sent a message longer than 1 MiB$/);
    });

    it('writes something other than JSON-RPC on stdout: killed', async function () {
      const { host } = await startWith('floods-stdout');
      await host.call(testGrant('floods-stdout__garbage'));
      await waitFor(host, () => statusOf(host, 'floods-stdout').state === 'failed');
      failedWith(host, 'floods-stdout', /^wrote something other than JSON-RPC on stdout$/);
    });

    it("console.log and process.stdout.write go to the error log, not the protocol", async function () {
      const { home, host } = await startWith('floods-stdout');
      const result = await host.call(testGrant('floods-stdout__printing'));
      expect(result).to.include({ ok: true, text: 'printed' });
      expect(statusOf(host, 'floods-stdout').state).to.equal('loaded');
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(errorLog(home)).to.include('[floods-stdout] stderr: via console').and.to.include('[floods-stdout] stderr: via stdout');
    });

    it('floods stderr: killed, and the error log stays small', async function () {
      const { home, host } = await startWith('floods-stderr');
      await host.call(testGrant('floods-stderr__flood'));
      await waitFor(host, () => statusOf(host, 'floods-stderr').state === 'failed');
      failedWith(host, 'floods-stderr', /^flooded its error output \(more than 2 MiB in one second\)$/);
      expect(Buffer.byteLength(errorLog(home))).to.be.lessThan(200 * 1024);
      expect(errorLog(home)).to.include('further output dropped');
      await goodStillAnswers(host);
    });

    it('writes stderr in a loop that never yields: dies of its memory limit, reported as such', async function () {
      this.timeout(60_000);
      // A long call timeout: filling a 256 MB heap takes a while on a busy machine.
      const { home, host } = await startWith('floods-stderr', { callTimeoutMs: 50_000 });
      const result = await host.call(testGrant('floods-stderr__flood_sync'));
      expect(result.ok).to.equal(false);
      await waitFor(host, () => statusOf(host, 'floods-stderr').state === 'failed');
      failedWith(host, 'floods-stderr', /^ran out of memory \(256 MB\) during a call to flood_sync$/);
      expect(Buffer.byteLength(errorLog(home))).to.be.lessThan(200 * 1024);
      await goodStillAnswers(host);
    });

    it('returns 1 MiB: the result is cut to 64 KiB, marked truncated, and says so', async function () {
      const { host } = await startWith('big-result');
      const result = await host.call(testGrant('big-result__big'));
      expect(result.ok).to.equal(true);
      expect(result.truncated).to.equal(true);
      const [kept, note] = result.text.split('\n[truncated: ');
      expect(Buffer.byteLength(kept!)).to.be.at.most(64 * 1024);
      expect(note).to.match(/^the result was 1,648,576 bytes; only the first 65,53\d are shown\]$/);
      expect(kept).not.to.include('\uFFFD');
      expect(statusOf(host, 'big-result').state).to.equal('loaded');
    });
  });
});
