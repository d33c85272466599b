import { createHash } from 'node:crypto';

import type { FamilyNode } from '@shared/dto/images';

/** Chain IDs as the engine computes them: chain(0) = diff(0), chain(n) = sha256(chain(n-1) + " " + diff(n)). */
export function chainIds(diffIds: string[]): string[] {
  const chain: string[] = [];
  for (const diffId of diffIds) {
    const previous = chain[chain.length - 1];
    chain.push(previous === undefined ? diffId : `sha256:${createHash('sha256').update(`${previous} ${diffId}`).digest('hex')}`);
  }
  return chain;
}

export interface FamilyInput {
  id: string;
  tags: string[];
  created: number;
  sizeBytes: number;
  diffIds: string[];
}

/**
 * The images that share the first layer with `imageId`, each under the closest image whose
 * layers are a prefix of its own (equal layer stacks: the older one is the parent).
 */
export function familyOf(imageId: string, images: FamilyInput[]): FamilyNode[] {
  const chains = new Map(images.map((image) => [image.id, chainIds(image.diffIds)]));
  const root = chains.get(imageId)?.[0];
  if (root === undefined) return [];
  const members = images.filter((image) => chains.get(image.id)?.[0] === root);
  const isBefore = (a: FamilyInput, b: FamilyInput): boolean => a.created < b.created || (a.created === b.created && a.id < b.id);
  return members.map((image) => {
    const chain = chains.get(image.id)!;
    let parent: FamilyInput | undefined;
    for (const candidate of members) {
      if (candidate.id === image.id) continue;
      const candidateChain = chains.get(candidate.id)!;
      const n = candidateChain.length;
      if (n > chain.length || candidateChain[n - 1] !== chain[n - 1]) continue;
      if (n === chain.length && !isBefore(candidate, image)) continue;
      const best = parent ? chains.get(parent.id)!.length : 0;
      if (!parent || n > best || (n === best && isBefore(parent, candidate))) parent = candidate;
    }
    const shared = parent ? parent.sizeBytes : 0;
    return {
      id: image.id,
      tags: image.tags,
      layers: chain.length,
      sizeBytes: image.sizeBytes,
      ...(parent ? { parentId: parent.id } : {}),
      sharedBytes: shared,
      ownBytes: Math.max(0, image.sizeBytes - shared),
    };
  });
}
