import { create } from 'zustand';

export type LearnTab = 'exercises' | 'concepts' | 'events' | 'trainer';

/** Which tab of the Learn area shows; kept while the learner visits other areas. */
export const useLearnTab = create<{ tab: LearnTab; setTab: (tab: LearnTab) => void }>((set) => ({
  tab: 'exercises',
  setTab: (tab) => set({ tab }),
}));
