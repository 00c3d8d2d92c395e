import { DEFAULT_TOKEN_MAP, type TokenName, type TokenSpec } from './tokens.js';

export interface ThemeDefinition {
  name: string;
  description: string;
  /** false: no colours at all, emphasis by attributes only (NO_COLOR). */
  color?: boolean;
  palette: Record<string, string>;
  tokens?: Partial<Record<TokenName, TokenSpec>>;
}

const dark: ThemeDefinition = {
  name: 'dark',
  description: 'Light text on a dark terminal (default)',
  palette: {
    fg: '#d0d0d0', dim: '#8a8a8a', line: '#585858', accent: '#5fafff', red: '#ff5f5f', green: '#87d787',
    yellow: '#ffd75f', statusFg: '#d0d0d0', statusBg: '#303030', selFg: '#000000', selBg: '#5fafff', overlayBg: '#1c1c1c',
  },
};

const light: ThemeDefinition = {
  name: 'light',
  description: 'Dark text for light terminals',
  palette: {
    fg: '#1c1c1c', dim: '#626262', line: '#a8a8a8', accent: '#005faf', red: '#af0000', green: '#005f00',
    yellow: '#875f00', statusFg: '#1c1c1c', statusBg: '#d0d0d0', selFg: '#ffffff', selBg: '#005faf', overlayBg: '#eeeeee',
  },
};

const highContrast: ThemeDefinition = {
  name: 'high-contrast',
  description: 'Maximum contrast, bold focus, for low vision',
  palette: {
    fg: 'white', dim: 'white', line: 'white', accent: 'yellow', red: 'red', green: 'green', yellow: 'yellow',
    statusFg: 'black', statusBg: 'white', selFg: 'black', selBg: 'yellow', overlayBg: 'black',
  },
  tokens: {
    borderFocus: { fg: 'accent', bold: true },
    titleFocus: { fg: 'black', bg: 'accent', bold: true },
    helpText: { fg: 'fg' },
  },
};

const noColor: ThemeDefinition = {
  name: 'no-color',
  description: 'No colours, emphasis by bold and inverse only (chosen by NO_COLOR)',
  color: false,
  palette: {},
  tokens: {
    text: {}, muted: {}, border: {}, title: {}, accent: {}, success: {}, helpText: {}, input: {}, overlay: {},
    borderFocus: { bold: true },
    titleFocus: { bold: true, underline: true },
    warning: { bold: true },
    danger: { bold: true, underline: true },
    status: { inverse: true },
    helpKey: { bold: true },
    selection: { inverse: true },
  },
};

export const BUILTIN_THEMES: Readonly<Record<string, ThemeDefinition>> = {
  dark,
  light,
  'high-contrast': highContrast,
  'no-color': noColor,
};

export { DEFAULT_TOKEN_MAP };
