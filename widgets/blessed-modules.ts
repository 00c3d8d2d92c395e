import { createRequire } from 'node:module';

/**
 * The four blessed modules the dashboard uses, loaded with require (faster than importing CommonJS
 * from an ES module on the first-frame path). The start-up snapshot's build swaps this file for
 * app/snapshot/blessed-modules-bundled.ts, which bundles them.
 */
const require = createRequire(import.meta.url);

export const tputModule: unknown = require('blessed/lib/tput');
export const screenModule: unknown = require('blessed/lib/widgets/screen');
export const boxModule: unknown = require('blessed/lib/widgets/box');
export const colorsModule: unknown = require('blessed/lib/colors');
