import { readFileSync } from 'node:fs';
import { scanText } from '../app/security/injection-scanner.js';

/**
 * Injection-scanner figures: detection and false-positive rates over the labelled corpus, and the time
 * to scan 10 MiB of ordinary text (the corpus's benign samples repeated) next to a trivial baseline
 * (`toLowerCase` over the same text, same run) so machines of different speed can be compared.
 */

interface CorpusEntry {
  label: 'injection' | 'benign';
  text: string;
}

const MIB = 1024 * 1024;
const SIZE = 10 * MIB;
const REPETITIONS = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function timeMs(fn: () => unknown): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));

function loadCorpus(): CorpusEntry[] {
  const url = new URL('../test/fixtures/security/injection-corpus.json', import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { entries: CorpusEntry[] }).entries;
}

function tenMiBOf(unit: string): string {
  let text = unit;
  while (text.length < SIZE) text += '\n\n' + text;
  return text.slice(0, SIZE);
}

export async function benchScanner(): Promise<Record<string, number>> {
  const corpus = loadCorpus();
  const injections = corpus.filter((e) => e.label === 'injection');
  const benign = corpus.filter((e) => e.label === 'benign');
  const hit = (e: CorpusEntry) => scanText(e.text).verdict !== 'clean';
  const detectionRate = injections.filter(hit).length / injections.length;
  const falsePositiveRate = benign.filter(hit).length / benign.length;

  const text = tenMiBOf(benign.map((e) => e.text).join('\n\n'));
  scanText(text.slice(0, MIB)); // warm up the JIT and the fold cache
  const scans: number[] = [];
  const baselines: number[] = [];
  for (let i = 0; i < REPETITIONS; i++) {
    scans.push(timeMs(() => scanText(text)));
    baselines.push(timeMs(() => text.toLowerCase()));
  }
  const scanMs = median(scans);
  const baselineMs = median(baselines);

  return {
    detection_rate: round(detectionRate, 4),
    false_positive_rate: round(falsePositiveRate, 4),
    corpus_size: corpus.length,
    scan_10mib_ms_median: round(scanMs, 1),
    scan_10mib_mb_per_s: round(SIZE / MIB / (scanMs / 1000), 2), // MiB of UTF-16 text per second
    baseline_10mib_lowercase_ms: round(baselineMs, 2),
    ratio: round(scanMs / baselineMs, 1),
  };
}
