import { create } from 'zustand';

import type { DiskDetails, PruneKind, PrunePreview, PruneProgress, PruneRequestInput, PruneResult } from '@shared/dto/prune';
import type { DiskUsage } from '@shared/dto/engine';
import type { ErrorData } from '@shared/errors';

import { api } from '../api';
import { toErrorData } from './errors';

export interface PruneForm {
  kind: PruneKind;
  all: boolean;
  volumes: boolean;
  until: string;
  labels: string[];
  notLabels: string[];
}

export function requestOf(form: PruneForm): PruneRequestInput {
  const until = form.until.trim();
  return {
    kind: form.kind,
    all: form.all,
    volumes: form.kind === 'system' && form.volumes,
    filters: {
      ...(until ? { until } : {}),
      ...(form.labels.length ? { labels: form.labels } : {}),
      ...(form.notLabels.length ? { notLabels: form.notLabels } : {}),
    },
  };
}

interface PruneStore {
  form: PruneForm;
  preview: PrunePreview | undefined;
  previewing: boolean;
  previewError: ErrorData | undefined;
  result: PruneResult | undefined;
  progress: PruneProgress | undefined;
  disk: DiskUsage | undefined;
  details: DiskDetails | undefined;
  diskLoading: boolean;
  diskError: ErrorData | undefined;
  setForm: (patch: Partial<PruneForm>) => void;
  loadPreview: () => Promise<void>;
  setResult: (result: PruneResult | undefined) => void;
  setProgress: (progress: PruneProgress | undefined) => void;
  loadDisk: () => Promise<void>;
}

/** The prune form, its preview and last result, and the disk usage behind them. */
export const usePrune = create<PruneStore>((set, get) => ({
  form: { kind: 'images', all: false, volumes: false, until: '', labels: [], notLabels: [] },
  preview: undefined,
  previewing: false,
  previewError: undefined,
  result: undefined,
  progress: undefined,
  disk: undefined,
  details: undefined,
  diskLoading: false,
  diskError: undefined,
  // A changed form makes the old preview a lie: drop it.
  setForm: (patch) => set({ form: { ...get().form, ...patch }, preview: undefined, previewError: undefined }),
  loadPreview: async () => {
    set({ previewing: true, previewError: undefined, result: undefined });
    try {
      set({ preview: await api.call('prune.preview', requestOf(get().form)) });
    } catch (error) {
      set({ previewError: toErrorData(error), preview: undefined });
    } finally {
      set({ previewing: false });
    }
  },
  setResult: (result) => set({ result, preview: undefined }),
  setProgress: (progress) => set({ progress }),
  loadDisk: async () => {
    if (get().diskLoading) return;
    set({ diskLoading: true });
    try {
      // One /system/df for totals and biggest items: the engine runs only one at a time.
      const details = await api.call('prune.diskDetails', { limit: 8 });
      set({ disk: details.usage, details, diskError: undefined });
    } catch (error) {
      set({ diskError: toErrorData(error) });
    } finally {
      set({ diskLoading: false });
    }
  },
}));
