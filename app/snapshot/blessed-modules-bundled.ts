// The snapshot build's stand-in for widgets/blessed-modules.ts: the same modules, bundled.
import tput from 'blessed/lib/tput.js';
import screen from 'blessed/lib/widgets/screen.js';
import box from 'blessed/lib/widgets/box.js';
import colors from 'blessed/lib/colors.js';

export const tputModule: unknown = tput;
export const screenModule: unknown = screen;
export const boxModule: unknown = box;
export const colorsModule: unknown = colors;
