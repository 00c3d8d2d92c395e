import type { Prompter } from '../plugins/plugin-process.js';
import { ask, newModalId } from '../store/modal-requests.js';
import type { Store } from '../store/store.js';

/** A plugin's question is its own text: keep it to something a dialog can show. */
const MAX_LABEL = 300;

export class SetupCancelledError extends Error {
  constructor() {
    super('Setup cancelled.');
    this.name = 'SetupCancelledError';
  }
}

/**
 * Answers a plugin's setup questions with dashboard dialogs. Masked questions use a masked prompt,
 * whose text never enters the store; Esc cancels the whole setup.
 */
export function dashboardPrompter(store: Store, plugin: string, onCancel: () => void): Prompter {
  let asked = 0;
  return async ({ label, masked, default: fallback }) => {
    asked++;
    const text = label.length > MAX_LABEL ? `${label.slice(0, MAX_LABEL)}…` : label;
    const initial = masked ? '' : (fallback ?? '');
    const reply = await ask(store, {
      kind: 'prompt',
      id: newModalId('pluginsetup'),
      title: `Set up ${plugin} — question ${asked}`,
      label: `${text}:`,
      value: initial,
      cursor: Array.from(initial).length,
      masked,
      maskedLength: 0,
      hint: masked ? 'Typed text is hidden and goes only to the vault. Esc cancels the setup.' : 'Enter answers; Esc cancels the setup.',
    });
    if (reply.type !== 'submit') {
      onCancel();
      throw new SetupCancelledError();
    }
    return reply.value === '' && fallback !== undefined && !masked ? fallback : reply.value;
  };
}

export interface PluginSetupDeps {
  /** Runs the plugin's setup on its own (outside the host) with `prompter` answering. */
  setup(name: string, prompter: Prompter): Promise<{ hadSetup: boolean }>;
  /** Restarts the plugin in the host so it picks up what the setup stored. */
  restart(name: string): Promise<void>;
}

/** `s` in the Plugins pane: runs the plugin's setup in dialogs, then restarts it; says how it went. */
export async function runPluginSetupFlow(store: Store, name: string, deps: PluginSetupDeps): Promise<void> {
  let cancelled = false;
  const notice = (tone: 'info' | 'warning' | 'danger', text: string) => store.dispatch({ type: 'status/notice', tone, text });
  notice('info', `Starting the setup of ${name}…`);
  let hadSetup: boolean;
  try {
    ({ hadSetup } = await deps.setup(name, dashboardPrompter(store, name, () => (cancelled = true))));
  } catch (err) {
    if (cancelled) return notice('warning', `Setup of ${name} cancelled. Press s to run it again.`);
    const message = (err as Error).message;
    // The plugin itself stopped (the person declined its verdict): not a failure.
    const declined = /^setup cancelled:?\s*/i.exec(message);
    if (declined) return notice('warning', `Setup of ${name} cancelled: ${message.slice(declined[0].length) || 'nothing was saved'}.`);
    return notice('danger', `Setup of ${name} failed: ${message}`);
  }
  if (!hadSetup) return notice('info', `${name} has nothing to set up.`);
  await deps.restart(name);
  notice('info', `Setup of ${name} finished; the plugin was restarted with it.`);
}
