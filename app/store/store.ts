import { appendFileSync } from 'node:fs';
import type { Action } from './actions.js';
import { rootReducer } from './reducers/root.js';
import type { AppState } from './state.js';

export type Listener = (state: AppState, previous: AppState, action: Action) => void;

export interface Store {
  getState(): AppState;
  dispatch(action: Action): void;
  subscribe(listener: Listener): () => void;
}

export interface StoreOptions {
  /** With PYRA_DEBUG=1: every dispatched action is appended here as a JSON line (mode 600). */
  actionLog?: string;
}

export function createStore(initial: AppState, options: StoreOptions = {}): Store {
  let state = initial;
  const listeners = new Set<Listener>();
  return {
    getState: () => state,
    dispatch(action) {
      if (options.actionLog) {
        appendFileSync(options.actionLog, JSON.stringify({ t: new Date().toISOString(), ...action }) + '\n', { mode: 0o600 });
      }
      const previous = state;
      state = rootReducer(state, action);
      if (state !== previous) for (const l of listeners) l(state, previous, action);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
