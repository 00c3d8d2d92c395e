import { expect } from 'chai';
import { computeLayout } from '../../../widgets/shell/layout.js';
import { createFrameScheduler } from '../../../widgets/shell/frame-scheduler.js';
import { wrapLine } from '../../../widgets/shell/pane-frame.js';

describe('layout', () => {
  it('is too small below 80×24 and fills the terminal above it', () => {
    expect(computeLayout(79, 40).tooSmall).to.equal(true);
    expect(computeLayout(120, 23).tooSmall).to.equal(true);
    for (const [cols, rows] of [[80, 24], [120, 40], [201, 77]] as const) {
      const l = computeLayout(cols, rows);
      if (l.tooSmall) throw new Error('unexpected');
      expect(l.chat!.width + l.memory.width).to.equal(cols);
      expect(l.memory.height + l.plugins!.height).to.equal(rows - 2);
      expect(l.chat!.height).to.equal(rows - 2);
      expect(l.help.top).to.equal(rows - 1);
      expect(l.status.top).to.equal(rows - 2);
    }
  });

  it('gives the Memory pane the whole body when zoomed', () => {
    const l = computeLayout(120, 40, 'memory');
    if (l.tooSmall) throw new Error('unexpected');
    expect(l.chat).to.equal(null);
    expect(l.plugins).to.equal(null);
    expect(l.memory).to.deep.equal({ left: 0, top: 0, width: 120, height: 38 });
  });
});

describe('frame scheduler', () => {
  it('turns many requests in one tick into one frame and spaces frames at least 16 ms apart', async () => {
    const times: number[] = [];
    const s = createFrameScheduler(() => times.push(Date.now()), 16);
    for (let i = 0; i < 100; i++) s.request();
    await new Promise((r) => setTimeout(r, 5));
    for (let i = 0; i < 100; i++) s.request();
    await new Promise((r) => setTimeout(r, 60));
    expect(times.length).to.equal(2);
    expect(times[1]! - times[0]!).to.be.at.least(15);
    s.dispose();
    s.request();
    await new Promise((r) => setTimeout(r, 30));
    expect(times.length).to.equal(2);
  });
});

describe('wrapLine', () => {
  it('wraps at word boundaries and cuts words longer than the width', () => {
    expect(wrapLine('one two three', 7)).to.deep.equal(['one two', 'three']);
    expect(wrapLine('abcdefghij', 4)).to.deep.equal(['abcd', 'efgh', 'ij']);
    expect(wrapLine('', 10)).to.deep.equal(['']);
  });
});
