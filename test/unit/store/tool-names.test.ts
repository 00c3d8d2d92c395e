import { expect } from 'chai';
import { MAX_TOOL_NAME, modelToolName, toolIdFromModelName } from '../../../app/chat/tool-names.js';

describe('tool names offered to models', () => {
  it('keeps ids that fit and shortens long ones, stably and distinctly, and maps them back', () => {
    const short = 'time-and-units__now';
    const long1 = `${'a'.repeat(60)}__${'b'.repeat(60)}`;
    const long2 = `${'a'.repeat(60)}__${'b'.repeat(59)}c`;
    expect(modelToolName(short)).to.equal(short);
    const n1 = modelToolName(long1);
    const n2 = modelToolName(long2);
    expect(n1.length).to.equal(MAX_TOOL_NAME);
    expect(n1).to.match(/^[a-zA-Z0-9_-]+$/);
    expect(n1).to.not.equal(n2);
    expect(modelToolName(long1)).to.equal(n1);
    expect(toolIdFromModelName(n2, [short, long1, long2])).to.equal(long2);
    expect(toolIdFromModelName('nope', [short])).to.equal('nope');
  });
});
