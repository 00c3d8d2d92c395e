/**
 * Guards on what a child process writes: a line-size cap and a byte-rate cap. A child that breaks
 * either is a flood; the caller kills it. Lines are split on "\n" without decoding until a line is
 * whole, so a cap holds even for output that never ends a line.
 */

export interface OutputLimits {
  /** Longest line accepted on stdout (bytes, without the newline). */
  maxLineBytes: number;
  /** More than this many bytes within one second on a stream is a flood. */
  maxBytesPerSecond: number;
}

export const PLUGIN_STDOUT_LIMITS: OutputLimits = { maxLineBytes: 1024 * 1024, maxBytesPerSecond: 8 * 1024 * 1024 };
export const MCP_STDOUT_LIMITS: OutputLimits = { maxLineBytes: 8 * 1024 * 1024, maxBytesPerSecond: 32 * 1024 * 1024 };
/** stderr is only logged (capped), but a child writing it without end still costs the host CPU. */
export const STDERR_MAX_BYTES_PER_SECOND = 2 * 1024 * 1024;

function size(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}

/** Counts bytes in fixed one-second windows. */
export class RateMeter {
  private windowStart = 0;
  private bytes = 0;

  constructor(
    private readonly maxBytesPerSecond: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Adds `n` bytes; false when the current window went over the limit. */
  add(n: number): boolean {
    const t = this.now();
    if (t - this.windowStart >= 1000) {
      this.windowStart = t;
      this.bytes = 0;
    }
    this.bytes += n;
    return this.bytes <= this.maxBytesPerSecond;
  }

  describe(stream: string): string {
    return `flooded its ${stream} (more than ${size(this.maxBytesPerSecond)} in one second)`;
  }
}

/** Splits a byte stream into lines under the limits; reports the first violation and then ignores input. */
export class LineSplitter {
  private chunks: Buffer[] = [];
  private pending = 0;
  private broken = false;
  private readonly rate: RateMeter;

  constructor(
    private readonly limits: OutputLimits,
    private readonly onLine: (line: string) => void,
    private readonly onViolation: (reason: string) => void,
    now: () => number = Date.now,
  ) {
    this.rate = new RateMeter(limits.maxBytesPerSecond, now);
  }

  push(chunk: Buffer): void {
    if (this.broken) return;
    if (!this.rate.add(chunk.length)) return this.violate(this.rate.describe('output'));
    let start = 0;
    for (let nl = chunk.indexOf(10, start); nl !== -1; nl = chunk.indexOf(10, start)) {
      if (!this.take(chunk.subarray(start, nl))) return;
      const line = Buffer.concat(this.chunks, this.pending).toString('utf8');
      this.chunks = [];
      this.pending = 0;
      this.onLine(line.endsWith('\r') ? line.slice(0, -1) : line);
      if (this.broken) return;
      start = nl + 1;
    }
    this.take(chunk.subarray(start));
  }

  private take(part: Buffer): boolean {
    if (part.length === 0) return true;
    this.pending += part.length;
    if (this.pending > this.limits.maxLineBytes) {
      this.violate(`sent a message longer than ${size(this.limits.maxLineBytes)}`);
      return false;
    }
    this.chunks.push(part);
    return true;
  }

  private violate(reason: string): void {
    this.broken = true;
    this.chunks = [];
    this.pending = 0;
    this.onViolation(reason);
  }
}
