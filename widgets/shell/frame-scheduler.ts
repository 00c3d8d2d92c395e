/** Synchronized output (DEC mode 2026): the terminal shows a frame only when it is complete. */
export const BEGIN_SYNC = '\x1b[?2026h';
export const END_SYNC = '\x1b[?2026l';

export interface FrameScheduler {
  /** Ask for a frame; many requests in one tick make one frame. */
  request(): void;
  /** Draw now (first frame, resize). */
  flush(): void;
  dispose(): void;
  readonly frames: number;
}

/**
 * Draws at most one frame per interval (16 ms ≈ 60 fps). Anything may request a frame; nothing
 * draws directly.
 */
export function createFrameScheduler(draw: () => void, minIntervalMs = 16): FrameScheduler {
  let timer: NodeJS.Timeout | null = null;
  let last = 0;
  let frames = 0;
  let disposed = false;
  const run = () => {
    timer = null;
    if (disposed) return;
    last = Date.now();
    frames++;
    draw();
  };
  return {
    request() {
      if (timer || disposed) return;
      const wait = Math.max(0, last + minIntervalMs - Date.now());
      timer = setTimeout(run, wait);
    },
    flush() {
      if (timer) clearTimeout(timer);
      run();
    },
    dispose() {
      disposed = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
    get frames() {
      return frames;
    },
  };
}
