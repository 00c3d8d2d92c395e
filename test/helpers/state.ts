import { initialState, type AppState } from '../../app/store/state.js';

export function testState(overrides: Partial<Parameters<typeof initialState>[0]> = {}): AppState {
  return initialState({ version: '9.9.9', cols: 120, rows: 40, theme: 'dark', memoryRoot: '/home/u/.pyra/memory', pluginsDir: '/home/u/.pyra/plugins', ...overrides });
}
