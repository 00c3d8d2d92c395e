import type { Action } from '../actions.js';
import type { ListItem, Modal, UiState } from '../state.js';

const chars = (t: string) => Array.from(t);

/** The items of a list modal that match its filter (case-insensitive, label or detail). */
export function filteredItems(modal: Extract<Modal, { kind: 'list' }>): ListItem[] {
  const f = modal.filter.trim().toLowerCase();
  if (!f) return modal.items;
  return modal.items.filter((i) => i.label.toLowerCase().includes(f) || i.id.toLowerCase().includes(f) || (i.detail ?? '').toLowerCase().includes(f));
}

function editTop(state: UiState, change: (m: Modal) => Modal): UiState {
  const top = state.modals.at(-1);
  if (!top) return state;
  const next = change(top);
  return next === top ? state : { ...state, modals: [...state.modals.slice(0, -1), next] };
}

/** Text editing and selection inside the top modal (prompt text, list filter and selection). */
export function modalReducer(state: UiState, action: Action): UiState {
  switch (action.type) {
    case 'ui/updateModal': {
      const i = state.modals.findIndex((m) => 'id' in m && m.id === action.id);
      if (i === -1) return state;
      const modals = state.modals.slice();
      modals[i] = action.modal;
      return { ...state, modals };
    }
    case 'ui/removeModal': {
      const modals = state.modals.filter((m) => !('id' in m && m.id === action.id));
      return modals.length === state.modals.length ? state : { ...state, modals };
    }
    case 'modal/insert':
      return editTop(state, (m) => {
        if (m.kind === 'prompt' && !m.masked) {
          const c = chars(m.value);
          const ins = chars(action.text.replace(/[\r\n]+/g, ' '));
          c.splice(m.cursor, 0, ...ins);
          return { ...m, value: c.join(''), cursor: m.cursor + ins.length, error: undefined };
        }
        if (m.kind === 'list') return { ...m, filter: m.filter + action.text, selected: 0, error: undefined };
        if (m.kind === 'form' && m.fields[m.focus]) {
          const f = m.fields[m.focus]!;
          const c = chars(f.value);
          const ins = chars(action.text.replace(/[\r\n]+/g, ' '));
          c.splice(m.cursor, 0, ...ins);
          return { ...m, fields: m.fields.map((x, i) => (i === m.focus ? { ...x, value: c.join('') } : x)), cursor: m.cursor + ins.length, error: undefined };
        }
        return m;
      });
    case 'modal/deleteBack':
      return editTop(state, (m) => {
        if (m.kind === 'prompt' && !m.masked && m.cursor > 0) {
          const c = chars(m.value);
          c.splice(m.cursor - 1, 1);
          return { ...m, value: c.join(''), cursor: m.cursor - 1 };
        }
        if (m.kind === 'list' && m.filter) return { ...m, filter: chars(m.filter).slice(0, -1).join(''), selected: 0 };
        if (m.kind === 'form' && m.cursor > 0) {
          const c = chars(m.fields[m.focus]!.value);
          c.splice(m.cursor - 1, 1);
          return { ...m, fields: m.fields.map((x, i) => (i === m.focus ? { ...x, value: c.join('') } : x)), cursor: m.cursor - 1 };
        }
        return m;
      });
    case 'modal/moveCursor':
      return editTop(state, (m) => {
        if (m.kind === 'form') {
          const len = chars(m.fields[m.focus]?.value ?? '').length;
          const to = action.to;
          const cursor = to === 'home' ? 0 : to === 'end' ? len : to === 'left' ? Math.max(0, m.cursor - 1) : Math.min(len, m.cursor + 1);
          return cursor === m.cursor ? m : { ...m, cursor };
        }
        if (m.kind !== 'prompt' || m.masked) return m;
        const len = chars(m.value).length;
        const to = action.to;
        const cursor = to === 'home' ? 0 : to === 'end' ? len : to === 'left' ? Math.max(0, m.cursor - 1) : Math.min(len, m.cursor + 1);
        return cursor === m.cursor ? m : { ...m, cursor };
      });
    case 'modal/maskedLength':
      return editTop(state, (m) => (m.kind === 'prompt' && m.masked ? { ...m, maskedLength: action.length, error: undefined } : m));
    case 'modal/select':
      return editTop(state, (m) => {
        if (m.kind === 'form') {
          const n = m.fields.length;
          if (n === 0) return m;
          const focus = (m.focus + action.delta + n) % n;
          return { ...m, focus, cursor: chars(m.fields[focus]!.value).length };
        }
        if (m.kind !== 'list') return m;
        const n = filteredItems(m).length;
        if (n === 0) return m;
        const selected = Math.max(0, Math.min(n - 1, m.selected + action.delta));
        return selected === m.selected ? m : { ...m, selected };
      });
    default:
      return state;
  }
}
