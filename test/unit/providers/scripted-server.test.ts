import { expect } from 'chai';
import { replyFromMarkdown, splitIntoChunks, startScriptedLlm } from '../../helpers/scripted-llm-server.js';

describe('scripted LLM server helpers', () => {
  it('splitIntoChunks keeps every character and makes at most N chunks', () => {
    const text = '# Title\n\nA paragraph with *some* words.\n\n- item one\n- item two\n';
    for (const n of [1, 3, 7, 50]) {
      const chunks = splitIntoChunks(text, n);
      expect(chunks.join('')).to.equal(text);
      expect(chunks.length).to.be.at.most(n);
    }
    expect(splitIntoChunks('', 5)).to.deep.equal([]);
    expect(replyFromMarkdown('a b c', 2).chunks).to.deep.equal(['a b ', 'c']);
  });

  it('answers an empty queue with a 500 naming the problem, and records the request', async () => {
    const llm = await startScriptedLlm();
    try {
      const res = await fetch(`${llm.openaiBaseUrl}/chat/completions`, { method: 'POST', body: '{"model":"m","stream":true}' });
      expect(res.status).to.equal(500);
      expect(await res.text()).to.include('no step queued');
      expect(llm.requests[0]).to.include({ method: 'POST', path: '/v1/chat/completions', protocol: 'openai', endpoint: 'chat' });
      expect(llm.requests[0]!.body).to.deep.equal({ model: 'm', stream: true });
    } finally {
      await llm.close();
    }
  });

  it('uses the fallback step when the queue is empty', async () => {
    const llm = await startScriptedLlm({ fallback: replyFromMarkdown('default reply', 2) });
    try {
      const res = await fetch(`${llm.ollamaHost}/api/chat`, { method: 'POST', body: '{"model":"m"}' });
      const lines = (await res.text()).trim().split('\n').map((l) => JSON.parse(l));
      expect(lines.map((l) => l.message.content).join('')).to.equal('default reply');
      expect(lines.at(-1).done).to.equal(true);
    } finally {
      await llm.close();
    }
  });
});
