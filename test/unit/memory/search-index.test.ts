import { expect } from 'chai';
import MiniSearch from 'minisearch';
import { BulkIndexBuilder } from '../../../app/memory/bulk-index.js';
import { SearchIndex } from '../../../app/memory/search-index.js';
import { processLowerTerm, processTerm, tokenize } from '../../../app/memory/search-tokens.js';

const NOTES: Record<string, [string, string]> = {
  'knowledge/kubernetes.md': ['Kubernetes', 'Clusters, pods and the control plane. We run three nodes.'],
  'journal/2024-05-01.md': ['Monday', 'Long day. Read a blog post that mentioned kubernetes once, then went climbing in the afternoon.'],
  'recipes/bread.md': ['Sourdough bread', 'Feed the starter the evening before. Bake at 250 degrees with steam.'],
  'travel/lisbon.md': ['Lisbon trip', 'Flight on Friday, the hotel is near the castle. Try the pastéis de nata.'],
  'work/deploy.md': ['Deployment checklist', 'Tag the release, deploy to staging, then production.'],
};

function indexOf(notes = NOTES): SearchIndex {
  const index = new SearchIndex();
  for (const [name, [title, body]] of Object.entries(notes)) index.set(name, title, `# ${title}\n\n${body}\n`);
  return index;
}

const names = (index: SearchIndex, query: string, opts = {}) => index.search(query, opts).map((m) => m.name);

describe('memory/search-index', () => {
  it('ranks a note titled with the query above one that mentions it in passing', () => {
    const hits = indexOf().search('kubernetes');
    expect(hits.map((h) => h.name)).to.deep.equal(['knowledge/kubernetes.md', 'journal/2024-05-01.md']);
    expect(hits[0]!.inTitle).to.equal(true);
    expect(hits[1]!.inTitle).to.equal(false);
    expect(hits[0]!.score).to.be.greaterThan(hits[1]!.score);
  });

  it('matches prefixes of three or more characters', () => {
    const index = indexOf();
    expect(names(index, 'sourd')).to.deep.equal(['recipes/bread.md']);
    expect(names(index, 'deplo')).to.deep.equal(['work/deploy.md']);
    expect(names(index, 'sourd', { prefix: false })).to.deep.equal([]);
  });

  it('tolerates typos (one edit up to 7 letters, two from 8)', () => {
    const index = indexOf();
    expect(names(index, 'kubernetse')).to.include('knowledge/kubernetes.md');
    expect(names(index, 'starer')).to.deep.equal(['recipes/bread.md']);
    expect(names(index, 'starer', { fuzzy: false })).to.deep.equal([]);
  });

  it('requires every word by default and falls back to any word when none has them all', () => {
    const index = indexOf();
    expect(names(index, 'flight castle')).to.deep.equal(['travel/lisbon.md']);
    expect(names(index, 'climbing steam')).to.have.members(['journal/2024-05-01.md', 'recipes/bread.md']);
    expect(names(index, 'climbing steam', { combineWith: 'OR' })).to.have.length(2);
  });

  it('counts completions of one word as one word when ranking', () => {
    const index = new SearchIndex();
    index.set('many.md', 'Notes', 'plan planning planned planner plans');
    index.set('both.md', 'Notes', 'plan and budget');
    expect(index.search('plan budget', { combineWith: 'OR' })[0]!.name).to.equal('both.md');
  });

  it('folds case and accents, drops stop words, and searches file names', () => {
    const index = indexOf();
    expect(names(index, 'PASTEIS')).to.deep.equal(['travel/lisbon.md']);
    expect(names(index, 'the')).to.deep.equal([]);
    expect(names(index, 'lisbon')).to.deep.equal(['travel/lisbon.md']);
    expect(names(index, 'journal')).to.deep.equal(['journal/2024-05-01.md']);
  });

  it('returns the matched index terms for the snippet finder', () => {
    const [hit] = indexOf().search('sourd');
    expect(hit!.terms).to.include('sourdough');
  });

  it('replaces and removes documents', () => {
    const index = indexOf();
    index.set('recipes/bread.md', 'Rye bread', 'No starter needed.');
    expect(names(index, 'sourdough')).to.deep.equal([]);
    expect(names(index, 'rye')).to.deep.equal(['recipes/bread.md']);
    index.remove('recipes/bread.md');
    expect(names(index, 'rye')).to.deep.equal([]);
    expect(index.documentCount).to.equal(4);
  });

  it('honours the limit', () => {
    const index = new SearchIndex();
    for (let i = 0; i < 30; i++) index.set(`n${i}.md`, `Note ${i}`, 'common word here');
    expect(index.search('common')).to.have.length(20);
    expect(index.search('common', { limit: 5 })).to.have.length(5);
  });

  it('builds the same index in bulk as one document at a time', async () => {
    const builder = SearchIndex.builder();
    for (const [name, [title, body]] of Object.entries(NOTES)) builder.add(name, title, `# ${title}\n\n${body}\n`);
    const bulk = await builder.finish();
    const single = indexOf();
    for (const query of ['kubernetes', 'sourd', 'starer', 'flight castle', 'climbing steam', 'deploy']) {
      expect(bulk.search(query), query).to.deep.equal(single.search(query));
    }
    // And keeps working incrementally afterwards.
    bulk.set('new.md', 'Zebra', 'stripes');
    expect(names(bulk, 'zebr')).to.deep.equal(['new.md']);
  });

  it('bulk-loads exactly what MiniSearch.add builds (scores included)', async () => {
    const options = { fields: ['title', 'body'], tokenize, processTerm: processLowerTerm };
    const docs = Object.entries(NOTES).map(([id, [title, body]]) => ({ id, title, body: `${body} ${body.split(' ')[0]}` }));
    const reference = new MiniSearch(options);
    reference.addAll(docs);
    const bulk = new BulkIndexBuilder(options, processLowerTerm);
    for (const doc of docs) bulk.add(doc.id, [doc.title, doc.body]);
    // The radix tree's iteration order depends on insertion order; the content must be the same.
    const plain = (index: MiniSearch) => {
      const json = JSON.parse(JSON.stringify(index)) as { index: [string, unknown][] };
      return { ...json, index: json.index.sort((a, b) => (a[0] < b[0] ? -1 : 1)) };
    };
    expect(plain(await bulk.build())).to.deep.equal(plain(reference));
  });

  it('tokenizes on letters and digits', () => {
    expect(tokenize('Hello, wörld! snake_case 42x')).to.deep.equal(['hello', 'wörld', 'snake', 'case', '42x']);
    expect(processTerm('Wörld')).to.equal('world');
    expect(processTerm('a')).to.equal(null);
    expect(processTerm('The')).to.equal(null);
  });
});
