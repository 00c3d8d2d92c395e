import { expect } from 'chai';
import { argumentsObject, finishReasonOf, toOllamaMessages, toOpenAiMessages } from '../../../app/providers/wire-format.js';

describe('wire format', () => {
  it('OpenAI: assistant tool calls, tool results, plain messages', () => {
    expect(
      toOpenAiMessages([
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: 'checking', toolCalls: [{ id: 'c1', name: 't', arguments: '{}' }] },
        { role: 'tool', content: 'result', toolCallId: 'c1', toolName: 't' },
        { role: 'assistant', content: 'done' },
      ]),
    ).to.deep.equal([
      { role: 'user', content: 'hi' },
      { role: 'assistant', content: 'checking', tool_calls: [{ id: 'c1', type: 'function', function: { name: 't', arguments: '{}' } }] },
      { role: 'tool', tool_call_id: 'c1', content: 'result' },
      { role: 'assistant', content: 'done' },
    ]);
  });

  it('Ollama: arguments as objects (invalid JSON becomes {}), tool results by name', () => {
    expect(
      toOllamaMessages([
        { role: 'assistant', content: '', toolCalls: [{ id: 'c1', name: 't', arguments: '{"a":1}' }, { id: 'c2', name: 'u', arguments: 'oops' }] },
        { role: 'tool', content: 'r', toolCallId: 'c1', toolName: 't' },
      ]),
    ).to.deep.equal([
      { role: 'assistant', content: '', tool_calls: [{ function: { name: 't', arguments: { a: 1 } } }, { function: { name: 'u', arguments: {} } }] },
      { role: 'tool', content: 'r', tool_name: 't' },
    ]);
    expect(argumentsObject('[1,2]')).to.deep.equal({});
  });

  it('finish reasons: tool calls win; unknown reasons are "other"', () => {
    expect(finishReasonOf('stop', true)).to.equal('tool_calls');
    expect(finishReasonOf('stop', false)).to.equal('stop');
    expect(finishReasonOf('length', false)).to.equal('length');
    expect(finishReasonOf('content_filter', false)).to.equal('other');
    expect(finishReasonOf(null, false)).to.equal('other');
  });
});
