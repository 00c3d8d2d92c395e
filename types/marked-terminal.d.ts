// Local types: @types/marked-terminal pulls in an old marked and breaks type-checking.
declare module 'marked-terminal' {
  import type { MarkedExtension } from 'marked';
  export interface TerminalRendererOptions {
    width?: number;
    reflowText?: boolean;
    showSectionPrefix?: boolean;
    tab?: number;
    emoji?: boolean;
    unescape?: boolean;
    [key: string]: unknown;
  }
  export function markedTerminal(options?: TerminalRendererOptions, highlightOptions?: Record<string, unknown>): MarkedExtension;
}
