import type { MemoryFolderNode, MemoryNode } from '../memory/memory-catalog.js';

export interface TreeRow {
  name: string;
  type: 'file' | 'folder';
  depth: number;
  label: string;
  /** folders: files inside (recursive); files: size in bytes */
  count: number;
  open: boolean;
  previewable: boolean;
}

/**
 * The visible rows of the memory tree: the top folder's children, and the children of every
 * expanded folder below it. Built in one walk over what is visible, never over collapsed folders.
 */
export function treeRows(root: MemoryFolderNode, expanded: readonly string[]): TreeRow[] {
  const open = new Set(expanded);
  const rows: TreeRow[] = [];
  const walk = (children: MemoryNode[], depth: number) => {
    for (const node of children) {
      if (node.type === 'folder') {
        const isOpen = open.has(node.name);
        rows.push({ name: node.name, type: 'folder', depth, label: node.base, count: node.fileCount, open: isOpen, previewable: false });
        if (isOpen) walk(node.children, depth + 1);
      } else {
        rows.push({ name: node.name, type: 'file', depth, label: node.base, count: node.size, open: false, previewable: node.kind.previewable });
      }
    }
  };
  walk(root.children, 0);
  return rows;
}

/** The row `delta` steps from the selected one (the first row when nothing is selected). */
export function moveSelection(rows: TreeRow[], selected: string | null, delta: number): string | null {
  if (rows.length === 0) return null;
  const i = selected === null ? -1 : rows.findIndex((r) => r.name === selected);
  const next = i === -1 ? 0 : Math.max(0, Math.min(rows.length - 1, i + delta));
  return rows[next]!.name;
}

/** Folders that must be open for `name` to be visible. */
export function ancestorsOf(name: string): string[] {
  const parts = name.split('/');
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('/'));
}
