/**
 * Semantic tokens: the only names widgets use for colour and emphasis. A theme maps each token to
 * palette entries (or plain colours); widgets never see a palette.
 */
export const TOKEN_NAMES = [
  'text',
  'muted',
  'border',
  'borderFocus',
  'title',
  'titleFocus',
  'accent',
  'warning',
  'danger',
  'success',
  'status',
  'helpKey',
  'helpText',
  'selection',
  'overlay',
  'input',
] as const;

export type TokenName = (typeof TOKEN_NAMES)[number];

/** How a theme file describes one token: colours are palette keys or colours. */
export interface TokenSpec {
  fg?: string;
  bg?: string;
  bold?: boolean;
  underline?: boolean;
  inverse?: boolean;
}

/** A token as widgets receive it: concrete colours (blessed names or #rrggbb), or none. */
export interface TokenStyle {
  fg?: string;
  bg?: string;
  bold: boolean;
  underline: boolean;
  inverse: boolean;
}

export interface Theme {
  name: string;
  color: boolean;
  tokens: Record<TokenName, TokenStyle>;
}

/** The token map shared by the coloured built-in themes; they differ by palette. */
export const DEFAULT_TOKEN_MAP: Record<TokenName, TokenSpec> = {
  text: { fg: 'fg' },
  muted: { fg: 'dim' },
  border: { fg: 'line' },
  borderFocus: { fg: 'accent', bold: true },
  title: { fg: 'dim' },
  titleFocus: { fg: 'accent', bold: true },
  accent: { fg: 'accent' },
  warning: { fg: 'yellow', bold: true },
  danger: { fg: 'red', bold: true },
  success: { fg: 'green' },
  status: { fg: 'statusFg', bg: 'statusBg' },
  helpKey: { fg: 'accent', bold: true },
  helpText: { fg: 'dim' },
  selection: { fg: 'selFg', bg: 'selBg' },
  overlay: { fg: 'fg', bg: 'overlayBg' },
  input: { fg: 'fg' },
};
