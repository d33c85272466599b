import { create } from 'zustand';

interface ConceptStore {
  /** A concept an object asked for; cleared when the area changes. */
  selected: string | undefined;
  show: (conceptId: string) => void;
  reset: () => void;
}

/** Which concept the side panel explains: the area's, or the one an object on screen asked for. */
export const useConcept = create<ConceptStore>((set) => ({
  selected: undefined,
  show: (conceptId) => set({ selected: conceptId }),
  reset: () => set({ selected: undefined }),
}));
