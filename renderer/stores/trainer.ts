import '../learn/presentation.css';

import { create } from 'zustand';

const STORAGE_KEY = 'lotse.trainer';

interface TrainerSettings {
  /** Larger type and higher contrast for a projector. */
  presentation: boolean;
  /** Passwords, tokens and credentials shown as •••••• in the journal, the event feed and other areas. */
  hideSecrets: boolean;
}

interface TrainerStore extends TrainerSettings {
  setPresentation: (on: boolean) => void;
  setHideSecrets: (on: boolean) => void;
}

function load(): TrainerSettings {
  try {
    const parsed = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}') as Partial<TrainerSettings>;
    return { presentation: parsed.presentation === true, hideSecrets: parsed.hideSecrets === true };
  } catch {
    return { presentation: false, hideSecrets: false };
  }
}

function save(settings: TrainerSettings): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(settings));
  } catch {
    // Private mode: the setting lasts until the page closes.
  }
}

/** The presentation look is a switch of Mantine's CSS variables on the root element (presentation.css). */
function applyPresentation(on: boolean): void {
  if (typeof document === 'undefined') return;
  if (on) document.documentElement.dataset.lotsePresentation = '';
  else delete document.documentElement.dataset.lotsePresentation;
}

const initial = load();
applyPresentation(initial.presentation);

/** Trainer mode: presentation look and hidden secrets, remembered across starts. */
export const useTrainer = create<TrainerStore>((set, get) => ({
  ...initial,
  setPresentation: (presentation) => {
    applyPresentation(presentation);
    set({ presentation });
    save({ presentation, hideSecrets: get().hideSecrets });
  },
  setHideSecrets: (hideSecrets) => {
    set({ hideSecrets });
    save({ presentation: get().presentation, hideSecrets });
  },
}));
