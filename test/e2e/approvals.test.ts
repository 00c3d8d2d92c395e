/**
 * The approval queue as a person meets it: the scripted model asks for tools, the dialog shows what
 * is asked, and only keys decide. Built-in memory tools stand in for plugins here (plugins have their
 * own e2e tests); the path through the queue is the same.
 */
import { expect } from 'chai';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useScriptedE2e } from '../helpers/e2e-scripted.js';
import { startPyra, type PtySession } from '../helpers/pty-session.js';
import { replyFromMarkdown } from '../helpers/scripted-llm-server.js';

describe('approval queue (e2e, real pyra in a pty)', function () {
  this.timeout(40_000);
  const e2e = useScriptedE2e('pyra-e2e-appr-');

  function home(): string {
    const h = e2e.home();
    mkdirSync(join(h, 'memory', 'user'), { recursive: true, mode: 0o700 });
    writeFileSync(join(h, 'memory', 'user', 'profile.md'), '# Profile\n\nName: Robin. Favourite colour: teal.\n', { mode: 0o600 });
    return h;
  }

  const toolMessages = (i: number) => (e2e.llm.requests.filter((r) => r.endpoint === 'chat')[i]!.body.messages as { role: string; content: string }[]).filter((m) => m.role === 'tool');

  async function ask(pyra: PtySession, text: string) {
    await pyra.type(text);
    await pyra.press('enter');
  }

  it('n denies with a reason the model receives; y runs the call and the result reaches the model', async function () {
    const pyra = await startPyra({ home: home() });
    await pyra.waitForText('No messages yet');
    e2e.llm.enqueue(
      { kind: 'reply', toolCalls: [{ name: 'memory_read', arguments: { name: 'user/profile.md' } }] },
      { kind: 'reply', toolCalls: [{ name: 'memory_read', arguments: { name: 'user/profile.md' } }] },
      replyFromMarkdown('Your favourite colour is teal.', 4),
    );
    await ask(pyra, 'what is my favourite colour?');
    await pyra.waitForText('Approve tool call');
    const dialog = await pyra.screenText();
    expect(dialog).to.include('memory_read').and.include('READ-ONLY').and.include('user/profile.md').and.include('Asked by model');
    expect(await pyra.line(-2)).to.include('approvals: 1');
    await pyra.type('n');
    await pyra.waitForText('Reason for the model');
    await pyra.type('ask me first');
    await pyra.press('enter');
    await pyra.waitForText('Approve tool call');
    expect(toolMessages(1)[0]!.content).to.include('denied').and.include('ask me first');
    await pyra.type('y');
    await pyra.waitForText('Your favourite colour is teal.');
    const result = toolMessages(2).at(-1)!.content;
    expect(result).to.include('Favourite colour: teal').and.match(/untrusted content/);
    const log = readFileSync(join(pyra.pyraHome, 'logs', 'tool_executions.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(log.map((l) => l.decision)).to.deep.equal(['denied', 'allowed']);
  });

  it('queues several calls of one turn together; j moves; s grants for the session; Esc hides and F4 reopens', async function () {
    const pyra = await startPyra({ home: home() });
    await pyra.waitForText('No messages yet');
    e2e.llm.enqueue(
      {
        kind: 'reply',
        toolCalls: [
          { name: 'memory_search', arguments: { query: 'colour' } },
          { name: 'memory_read', arguments: { name: 'user/profile.md' } },
        ],
      },
      { kind: 'reply', toolCalls: [{ name: 'memory_search', arguments: { query: 'teal' } }] },
      replyFromMarkdown('Done.', 1),
    );
    await ask(pyra, 'look around');
    await pyra.waitForText('(1 of 2)');
    await pyra.press('escape');
    await pyra.waitForNoText('Approve tool call');
    expect(await pyra.line(-2)).to.include('approvals: 2');
    await pyra.press('f4');
    await pyra.waitForText('(1 of 2)');
    await pyra.type('j');
    await pyra.waitForText('(2 of 2)');
    expect(await pyra.screenText()).to.include('memory_read');
    await pyra.type('y');
    await pyra.waitForText(/memory_search[\s\S]*READ-ONLY/);
    await pyra.type('s');
    // the second round's memory_search runs without asking: a session grant
    await pyra.waitForText('Done.');
    await pyra.press('f5');
    await pyra.waitForText('Permissions (0 stored, 1 for this session)');
    await pyra.press('delete');
    await pyra.waitForText('Permissions (0 stored, 0 for this session)');
  });

  it('e edits the arguments in a form before allowing; a write shows its diff; a stays as a rule', async function () {
    const h = home();
    const pyra = await startPyra({ home: h });
    await pyra.waitForText('No messages yet');
    e2e.llm.enqueue(
      { kind: 'reply', toolCalls: [{ name: 'memory_append', arguments: { name: 'user/profile.md', content: 'Likes: chess' } }] },
      replyFromMarkdown('Noted.', 1),
    );
    await ask(pyra, 'remember chess');
    await pyra.waitForText('What will change:');
    expect(await pyra.screenText()).to.include('+Likes: chess');
    await pyra.type('e');
    await pyra.waitForText('Edit arguments');
    await pyra.press('tab');
    for (let i = 0; i < 5; i++) await pyra.press('backspace');
    await pyra.type('go');
    await pyra.press('enter');
    await pyra.waitForText('Noted.');
    expect(readFileSync(join(h, 'memory', 'user', 'profile.md'), 'utf8')).to.include('Likes: go').and.not.include('chess');

    e2e.llm.enqueue(
      { kind: 'reply', toolCalls: [{ name: 'memory_append', arguments: { name: 'user/profile.md', content: 'Likes: tea' } }] },
      replyFromMarkdown('Noted again.', 1),
    );
    await ask(pyra, 'and tea');
    await pyra.waitForText('Approve tool call');
    await pyra.type('a');
    await pyra.waitForText('Noted again.');
    const rules = JSON.parse(readFileSync(join(h, 'permissions.json'), 'utf8')).rules;
    expect(rules[0]).to.include({ plugin: 'memory', tool: 'memory_append', decision: 'allow' });
  });

  it('Esc cancels the whole turn, pending approvals included; unknown tools and bad arguments go back as tool errors', async function () {
    const pyra = await startPyra({ home: home() });
    await pyra.waitForText('No messages yet');
    e2e.llm.enqueue(
      { kind: 'reply', toolCalls: [{ name: 'no_such_tool', arguments: {} }, { name: 'memory_read', arguments: '{"name": ' }] },
      { kind: 'reply', toolCalls: [{ name: 'memory_read', arguments: { name: 'user/profile.md' } }] },
    );
    await ask(pyra, 'try things');
    await pyra.waitForText('Approve tool call');
    const errors = toolMessages(1).map((m) => m.content);
    expect(errors[0]).to.match(/Tool error: there is no tool named "no_such_tool"/);
    expect(errors[1]).to.match(/Tool error: the arguments are not valid JSON/);
    await pyra.press('escape');
    await pyra.waitForNoText('Approve tool call');
    await pyra.press('tab');
    await pyra.press('shift-tab');
    await pyra.press('escape');
    await pyra.waitForText(/cancelled/);
    expect(await pyra.line(-2)).to.include('approvals: 0');
  });
});
