import { expect } from 'chai';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { homedir } from 'node:os';
import { expandHome, forgetPlugin, pluginEntry, readPluginState, stateFile, updatePluginEntry } from '../../../app/plugins/plugin-state.js';
import { makeTempHome } from '../../helpers/temp-home.js';

describe('plugins/state.json', function () {
  const cleanups: (() => void)[] = [];
  after(() => cleanups.forEach((c) => c()));
  function home(): string {
    const t = makeTempHome('pyra-plugin-state-');
    cleanups.push(t.cleanup);
    mkdirSync(join(t.home, 'plugins'));
    return t.home;
  }

  it('starts empty: nothing is enabled', function () {
    const h = home();
    expect(readPluginState(h)).to.deep.equal({ version: 1, plugins: {} });
    expect(pluginEntry(h, 'x')).to.deep.equal({ enabled: false, grantedReads: {} });
  });

  it('records enable and grants with mode 600, and forgets a plugin', function () {
    const h = home();
    updatePluginEntry(h, 'a', (e) => {
      e.enabled = true;
      e.grantedReads = { '~/Docs': '/home/u/Docs' };
    });
    expect(statSync(stateFile(h)).mode & 0o777).to.equal(0o600);
    expect(pluginEntry(h, 'a')).to.deep.equal({ enabled: true, grantedReads: { '~/Docs': '/home/u/Docs' } });
    forgetPlugin(h, 'a');
    expect(readPluginState(h).plugins).to.deep.equal({});
  });

  it('reads a corrupt file as empty and ignores entries with bad names or shapes', function () {
    const h = home();
    writeFileSync(stateFile(h), '{ nope');
    expect(readPluginState(h).plugins).to.deep.equal({});
    writeFileSync(stateFile(h), JSON.stringify({ plugins: { ok: { enabled: true, grantedReads: { a: 1, b: '/b' } }, 'Bad Name': { enabled: true }, nope: 3 } }));
    expect(readPluginState(h).plugins).to.deep.equal({ ok: { enabled: true, grantedReads: { b: '/b' } } });
  });

  it('expands ~/ to the user home', function () {
    expect(expandHome('~/x')).to.equal(join(homedir(), 'x'));
    expect(expandHome('/abs')).to.equal('/abs');
  });
});
