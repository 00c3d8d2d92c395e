// The bundled time-and-units plugin's handlers, called in-process with a stand-in ctx (its sandboxed
// run is covered by the integration tests).
import { expect } from 'chai';
import { join } from 'node:path';
import { readManifest } from '../../../app/plugins/manifest.js';
import { bundledPluginsDir } from '../../../app/plugins/repo-root.js';
import type { PluginDefinition, ToolContext } from '../../../app/plugins/sdk.js';

const dir = join(bundledPluginsDir(), 'time-and-units');

function ctx(stored: Record<string, string> = {}): ToolContext {
  return {
    plugin: 'time-and-units',
    signal: new AbortController().signal,
    log: () => {},
    secrets: {
      get: async (key) => stored[key] ?? null,
      set: async (key, value) => void (stored[key] = value),
      delete: async () => true,
      list: async () => Object.keys(stored),
    },
  };
}

describe('bundled plugin: time-and-units', function () {
  let plugin: PluginDefinition;
  const run = (name: string, args: Record<string, unknown>, c = ctx()) => plugin.tools.find((t) => t.name === name)!.handler(args, c);

  before(async function () {
    const entry: string = join(dir, 'plugin.mjs');
    plugin = ((await import(entry)) as { default: PluginDefinition }).default;
  });

  it('has a valid manifest asking for nothing', function () {
    const result = readManifest(dir);
    expect(result.ok && result.manifest.permissions).to.deep.equal({ network: false, read: [] });
  });

  it('converts units, including temperatures and data sizes', async function () {
    expect(await run('convert_units', { value: 5, from: 'mi', to: 'km' })).to.equal('5 mi = 8.04672 km');
    expect(await run('convert_units', { value: 100, from: 'celsius', to: 'F' })).to.equal('100 C = 212 F');
    expect(await run('convert_units', { value: 2, from: 'GiB', to: 'MB' })).to.equal('2 GiB = 2147.483648 MB');
    expect(await run('convert_units', { value: 1, from: 'pounds', to: 'kg' })).to.equal('1 lb = 0.45359237 kg');
    await expectRejection(() => run('convert_units', { value: 1, from: 'kg', to: 'km' }), /cannot convert mass \(kg\) to length \(km\)/);
    await expectRejection(() => run('convert_units', { value: 1, from: 'parsec', to: 'km' }), /unknown unit "parsec"/);
  });

  it('counts days between dates', async function () {
    expect(await run('date_diff', { from: '2024-02-28', to: '2024-03-01' })).to.equal('2 day(s) from 2024-02-28 (Wednesday) to 2024-03-01 (Friday)\n= 0 week(s) and 2 day(s)');
    await expectRejection(() => run('date_diff', { from: '2023-02-29', to: '2023-03-01' }), /is not a real date/);
  });

  it("tells the time in a zone, in the home zone chosen in setup, and refuses unknown zones", async function () {
    expect(await run('now', { time_zone: 'Asia/Kolkata' })).to.match(/\(Asia\/Kolkata, UTC\+05:30; ISO /);
    expect(await run('now', {}, ctx({ home_zone: 'America/Sao_Paulo' }))).to.match(/\(America\/Sao_Paulo, UTC-03:00; ISO /);
    expect(await run('now', {})).to.match(/\(UTC, UTC\+00:00; ISO /);
    await expectRejection(() => run('now', { time_zone: 'Mars/Olympus' }), /unknown time zone "Mars\/Olympus"/);
  });

  it('setup stores the home zone in its own secrets', async function () {
    const stored: Record<string, string> = {};
    await plugin.setup!({ ...ctx(stored), prompt: async () => 'Europe/Berlin' });
    expect(stored).to.deep.equal({ home_zone: 'Europe/Berlin' });
  });
});

async function expectRejection(call: () => unknown, message: RegExp): Promise<void> {
  try {
    await call();
  } catch (err) {
    expect((err as Error).message).to.match(message);
    return;
  }
  throw new Error('expected a rejection');
}
