import { create } from 'zustand';

import type { ImageSummary } from '@shared/dto/images';
import type { ErrorData } from '@shared/errors';

import { api } from '../api';
import { toErrorData } from './errors';

interface ImagesStore {
  images: ImageSummary[] | undefined;
  error: ErrorData | undefined;
  loading: boolean;
  sharedLoading: boolean;
  load: () => Promise<void>;
  /** Fills in shared sizes from /system/df where the list has none (engines before API 1.42). */
  loadShared: () => Promise<void>;
  /** Re-reads the list when the engine reports image or container changes (pull, tag, untag, delete, run). */
  watchEvents: () => () => void;
}

/** A change arrived while the list was loading: read once more afterwards (never two reads at once). */
let reloadAfter = false;

export const useImagesStore = create<ImagesStore>((set, get) => ({
  images: undefined,
  error: undefined,
  loading: false,
  sharedLoading: false,
  load: async () => {
    if (get().loading) {
      reloadAfter = true;
      return;
    }
    set({ loading: true });
    try {
      const images = await api.call('images.list', {});
      const previous = new Map((get().images ?? []).map((i) => [i.id, i.sharedBytes]));
      // Keep the shared sizes already known until the slower df answer replaces them.
      set({ images: images.map((i) => (i.sharedBytes < 0 ? { ...i, sharedBytes: previous.get(i.id) ?? -1 } : i)), error: undefined });
      // df is slow (it sizes every container too): only for images whose shared size is not known yet.
      if (images.some((i) => i.sharedBytes < 0 && (previous.get(i.id) ?? -1) < 0)) void get().loadShared();
    } catch (error) {
      set({ error: toErrorData(error) });
    } finally {
      set({ loading: false });
      if (reloadAfter) {
        reloadAfter = false;
        void get().load();
      }
    }
  },
  loadShared: async () => {
    if (get().sharedLoading) return;
    set({ sharedLoading: true });
    try {
      const shared = await api.call('images.sharedSizes', {});
      set({ images: get().images?.map((i) => ({ ...i, sharedBytes: shared[i.id] ?? i.sharedBytes })) });
    } catch {
      // Shared sizes are a detail: without them the column shows a dash.
    } finally {
      set({ sharedLoading: false });
    }
  },
  watchEvents: () => {
    // A pull or a prune sends bursts of events: one re-read per burst.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const dispose = api.subscribe('docker.events', { types: ['image', 'container'] }, (event) => {
      if (event.type === 'container' && !['create', 'destroy'].includes(event.action)) return;
      clearTimeout(timer);
      timer = setTimeout(() => void get().load(), 250);
    });
    return () => {
      clearTimeout(timer);
      dispose();
    };
  },
}));
