import type { FileChange, FileKind, LayerReport } from '@shared/dto/images';

export interface TreeFile {
  path: string;
  kind: FileKind;
  sizeBytes: number;
  change?: FileChange['change'];
  /** The layer the file comes from (merged view). */
  layer?: number;
}

export interface TreeNode {
  value: string;
  label: string;
  /** Bytes of the file, or of everything under a directory. */
  sizeBytes: number;
  kind: FileKind;
  change?: FileChange['change'];
  layer?: number;
  children?: TreeNode[];
}

/** The filesystem as a container started from layer `upTo` would see it. */
export function mergedAt(layers: LayerReport[], upTo: number): TreeFile[] {
  const state = new Map<string, TreeFile>();
  for (const layer of layers.slice(0, upTo + 1)) {
    for (const change of layer.changes) {
      if (change.change === 'deleted') {
        const prefix = `${change.path}/`;
        for (const path of [...state.keys()]) if (path.startsWith(prefix)) state.delete(path);
        if (!change.opaque) state.delete(change.path);
      } else {
        state.set(change.path, { path: change.path, kind: change.kind, sizeBytes: change.sizeBytes, layer: layer.index });
      }
    }
  }
  return [...state.values()];
}

/** A tree from flat paths; directories sum the sizes below them; biggest first. */
export function toTree(files: TreeFile[]): TreeNode[] {
  const root: TreeNode = { value: '/', label: '/', sizeBytes: 0, kind: 'dir', children: [] };
  const byPath = new Map<string, TreeNode>([['/', root]]);
  const ensure = (path: string): TreeNode => {
    const found = byPath.get(path);
    if (found) return found;
    const slash = path.lastIndexOf('/');
    const parent = ensure(path.slice(0, slash) || '/');
    const node: TreeNode = { value: path, label: path.slice(slash + 1), sizeBytes: 0, kind: 'dir' };
    (parent.children ??= []).push(node);
    byPath.set(path, node);
    return node;
  };
  for (const file of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    const node = ensure(file.path);
    node.kind = file.kind;
    if (file.change) node.change = file.change;
    if (file.layer !== undefined) node.layer = file.layer;
    if (file.kind !== 'dir') node.sizeBytes = file.sizeBytes;
    if (file.kind === 'dir' || file.change === 'deleted') node.sizeBytes = Math.max(node.sizeBytes, file.kind === 'dir' && file.change !== 'deleted' ? 0 : file.sizeBytes);
  }
  const sum = (node: TreeNode): number => {
    if (node.children?.length) {
      const below = node.children.reduce((s, c) => s + sum(c), 0);
      if (node.change !== 'deleted') node.sizeBytes = below;
      node.children.sort((a, b) => b.sizeBytes - a.sizeBytes || a.label.localeCompare(b.label));
    }
    return node.change === 'deleted' ? 0 : node.sizeBytes;
  };
  sum(root);
  return root.children ?? [];
}
