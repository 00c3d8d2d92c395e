/**
 * Time from a tool call arriving in the model's stream to the approval dialog on screen, in the real
 * pyra under a pty with a scripted model over HTTP. Baseline in the same run: from a plain text
 * reply arriving to that text on screen.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeAll, startPyra } from '../test/helpers/pty-session.js';
import { replyFromMarkdown, startScriptedLlm } from '../test/helpers/scripted-llm-server.js';

const RUNS = 9;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (n: number) => Math.round(n * 10) / 10;

export async function benchApprovals(): Promise<Record<string, unknown>> {
  const llm = await startScriptedLlm();
  const dir = mkdtempSync(join(tmpdir(), 'pyra-bench-appr-'));
  const home = join(dir, '.pyra');
  mkdirSync(home, { mode: 0o700 });
  writeFileSync(join(home, 'config.json'), JSON.stringify({ provider: { id: 'custom', baseUrl: llm.openaiBaseUrl, model: 'scripted-model' } }), { mode: 0o600 });
  const toModal: number[] = [];
  const toText: number[] = [];
  try {
    const pyra = await startPyra({ home });
    await pyra.waitForText('No messages yet');
    for (let i = 0; i < RUNS; i++) {
      // baseline: a text reply
      llm.enqueue(replyFromMarkdown(`plain reply ${i}`, 1, { delayMs: 0 }));
      let before = llm.requests.length;
      await pyra.type(`hello ${i}`);
      await pyra.press('enter');
      await llm.waitForRequests(before + 1);
      let t0 = performance.now();
      await pyra.waitForText(`plain reply ${i}`);
      toText.push(performance.now() - t0);
      await pyra.waitForNoText('▍Pyra …');
      // a tool call
      llm.enqueue({ kind: 'reply', toolCalls: [{ name: 'memory_search', arguments: { query: `q${i}` } }], delayMs: 0 }, replyFromMarkdown(`after ${i}`, 1));
      before = llm.requests.length;
      await pyra.type(`search ${i}`);
      await pyra.press('enter');
      await llm.waitForRequests(before + 1);
      t0 = performance.now();
      await pyra.waitForText('Approve tool call');
      toModal.push(performance.now() - t0);
      await pyra.type('n');
      await pyra.waitForText('Reason for the model');
      await pyra.press('enter');
      await pyra.waitForText(`after ${i}`);
      await pyra.waitForNoText('▍Pyra …');
    }
    return {
      runs: RUNS,
      tool_call_to_modal_ms_median: round(median(toModal)),
      baseline_text_reply_to_screen_ms_median: round(median(toText)),
      ratio: round(median(toModal) / median(toText)),
      note: 'measured from the request reaching the scripted server (which answers at once) to the screen showing it',
    };
  } finally {
    await closeAll();
    await llm.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
