import { create } from 'zustand';

/** The live object a concept is shown for: the diagram draws it where it helps. */
export interface ConceptContext {
  /** The object's name ("Your object: …"). */
  name?: string;
  /** An image's layers, lowest first: the layer-stack diagram draws this image's own stack. */
  layers?: { label: string; sizeBytes?: number }[];
  /** A container's writable layer in bytes (container-writable-layer). */
  writableBytes?: number;
  /** A network's driver and the containers on it (network-topology). */
  driver?: string;
  containers?: string[];
  /** A swarm's nodes with the tasks on them (swarm-cluster). */
  swarmNodes?: { name: string; role: 'manager' | 'worker'; leader: boolean; tasks: string[] }[];
}

interface ConceptStore {
  /** A concept an object asked for; cleared when the area changes. */
  selected: string | undefined;
  /** The object it was asked for, if the caller passed one. */
  context: ConceptContext | undefined;
  show: (conceptId: string, context?: ConceptContext) => void;
  reset: () => void;
}

/** Which concept the side panel explains: the area's, or the one an object on screen asked for. */
export const useConcept = create<ConceptStore>((set) => ({
  selected: undefined,
  context: undefined,
  show: (conceptId, context) => set({ selected: conceptId, context }),
  reset: () => set({ selected: undefined, context: undefined }),
}));
