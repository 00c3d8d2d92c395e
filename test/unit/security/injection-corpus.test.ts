import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { scanText } from '../../../app/security/injection-scanner.js';

interface CorpusEntry {
  id: string;
  label: 'injection' | 'benign';
  carrier: string;
  category?: string;
  lang: string;
  technique: string;
  split?: string;
  note?: string;
  text: string;
}

const corpus = JSON.parse(
  readFileSync(new URL('../../fixtures/security/injection-corpus.json', import.meta.url), 'utf8'),
) as { entries: CorpusEntry[] };

const injections = corpus.entries.filter((e) => e.label === 'injection');
const benign = corpus.entries.filter((e) => e.label === 'benign');
const detected = (e: CorpusEntry) => scanText(e.text).verdict !== 'clean';

describe('security/injection-corpus', () => {
  it('is big and varied enough to mean something', () => {
    expect(injections.length).to.be.at.least(120);
    expect(benign.length).to.be.at.least(120);
    expect(new Set(corpus.entries.map((e) => e.id)).size).to.equal(corpus.entries.length);
    const carriers = new Set(injections.map((e) => e.carrier));
    for (const carrier of ['email', 'web', 'calendar', 'file', 'tool_result']) expect(carriers, carrier).to.include(carrier);
    const langs = new Set(injections.map((e) => e.lang));
    for (const lang of ['en', 'de', 'fr', 'es', 'pt', 'it', 'zh']) expect(langs, lang).to.include(lang);
    const techniques = new Set(injections.map((e) => e.technique));
    for (const t of ['zero_width', 'base64', 'html_comment', 'html_entities', 'tag_chars', 'homoglyph', 'fullwidth', 'percent']) {
      expect(techniques, t).to.include(t);
    }
  });

  it('detects ≥ 95 % of injections with ≤ 5 % false positives (suspicious counts as a hit)', function () {
    this.timeout(30_000);
    const missed = injections.filter((e) => !detected(e));
    const falsePositives = benign.filter(detected);
    const detectionRate = 1 - missed.length / injections.length;
    const falsePositiveRate = falsePositives.length / benign.length;
    console.log(
      `      corpus: ${injections.length} injections, ${benign.length} benign; ` +
        `detection ${(detectionRate * 100).toFixed(1)} %, false positives ${(falsePositiveRate * 100).toFixed(1)} %` +
        (falsePositives.length ? ` (${falsePositives.map((e) => e.id).join(', ')})` : ''),
    );
    expect(detectionRate, `missed: ${missed.map((e) => e.id).join(', ')}`).to.be.at.least(0.95);
    expect(falsePositiveRate, `false positives: ${falsePositives.map((e) => e.id).join(', ')}`).to.be.at.most(0.05);
  });

  it('names the intended category among the findings for most injections', () => {
    const withCategory = injections.filter((e) => e.category);
    const matching = withCategory.filter((e) => scanText(e.text).findings.some((f) => f.category === e.category));
    expect(matching.length / withCategory.length).to.be.at.least(0.8);
  });
});
