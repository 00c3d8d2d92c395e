import { expect } from 'chai';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootstrapHome, homePaths, pyraHome } from '../../../app/config/home.js';
import { VaultSentinelError } from '../../../app/vault/sentinel.js';

const mode = (p: string) => statSync(p).mode & 0o777;

function tempHome(): string {
  return join(mkdtempSync(join(tmpdir(), 'pyra-home-')), 'home');
}

describe('home bootstrap', () => {
  it('uses PYRA_HOME when set and ~/.pyra otherwise', () => {
    expect(pyraHome({ PYRA_HOME: '/tmp/x/../y' })).to.equal('/tmp/y');
    expect(pyraHome({ HOME: '/home/someone' })).to.match(/\.pyra$/);
  });

  it('creates the whole tree with folders 700 and files 600', () => {
    const root = tempHome();
    const report = bootstrapHome(root);
    const p = homePaths(root);
    for (const dir of [p.root, p.memory, join(p.memory, 'user'), join(p.memory, 'context'), join(p.memory, 'knowledge'), p.plugins, p.logs, p.conversations, p.vault, p.themes]) {
      expect(mode(dir), dir).to.equal(0o700);
    }
    for (const file of [p.securityLog, p.toolLog, p.pluginErrorsLog, p.memoryIndex, p.vaultLock]) {
      expect(mode(file), file).to.equal(0o600);
    }
    expect(report.created).to.include(p.vaultLock);
    expect(report.fixed).to.deep.equal([]);
  });

  it('repairs drifted permissions and says what it fixed', () => {
    const root = tempHome();
    bootstrapHome(root);
    const p = homePaths(root);
    chmodSync(p.memory, 0o755);
    chmodSync(p.securityLog, 0o644);
    writeFileSync(p.config, '{}', { mode: 0o666 });
    chmodSync(p.config, 0o666);
    const report = bootstrapHome(root);
    expect(report.fixed.map((f) => [f.path, f.from, f.to])).to.have.deep.members([
      [p.memory, '0755', '0700'],
      [p.securityLog, '0644', '0600'],
      [p.config, '0666', '0600'],
    ]);
    expect(mode(p.memory)).to.equal(0o700);
    expect(bootstrapHome(root).fixed).to.deep.equal([]);
  });

  it('refuses to start when the vault lost its sentinel, and changes nothing in the vault', () => {
    const root = tempHome();
    bootstrapHome(root);
    const p = homePaths(root);
    rmSync(p.vaultLock);
    writeFileSync(join(p.vault, 'secrets.age'), 'x');
    expect(() => bootstrapHome(root)).to.throw(VaultSentinelError, /\.vault_lock/);
    expect(existsSync(p.vaultLock)).to.equal(false);
    expect(readdirSync(p.vault)).to.deep.equal(['secrets.age']);
  });
});
