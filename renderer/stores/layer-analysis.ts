import { create } from 'zustand';

import type { AnalysisProgress, ImageFamily, ImageHistory, InspectSections, LayerAnalysis } from '@shared/dto/images';
import type { ErrorData } from '@shared/errors';

import { api } from '../api';
import { toErrorData } from './errors';

interface Loadable<T> {
  value?: T;
  error?: ErrorData;
  loading?: boolean;
}

interface LayerAnalysisStore {
  ref: string | undefined;
  history: Loadable<ImageHistory>;
  analysis: Loadable<LayerAnalysis> & { progress?: AnalysisProgress };
  family: Loadable<ImageFamily>;
  inspect: Loadable<InspectSections>;
  /** Opens an image: history first (fast), then inspect, the analysis and the family tree. */
  open: (ref: string) => void;
  cancel: () => void;
  close: () => void;
}

let controller: AbortController | undefined;

/** The layer explorer of one image: history, analysis (with progress, cancellable), family tree, inspect. */
export const useLayerAnalysis = create<LayerAnalysisStore>((set, get) => ({
  ref: undefined,
  history: {},
  analysis: {},
  family: {},
  inspect: {},
  open: (ref) => {
    controller?.abort();
    const own = new AbortController();
    controller = own;
    set({ ref, history: { loading: true }, analysis: { loading: true }, family: { loading: true }, inspect: { loading: true } });
    const current = (): boolean => get().ref === ref && controller === own;
    // The history answers in milliseconds: it goes first, the heavier requests start once it is there,
    // with the image ID it resolved the reference to (one image throughout, not looked up again).
    const rest = (): void => {
      if (!current()) return;
      const id = get().history.value?.imageId ?? ref;
      api.call('images.inspect', { ref: id }).then(
        (value) => current() && set({ inspect: { value } }),
        (error: unknown) => current() && set({ inspect: { error: toErrorData(error) } }),
      );
      api.call('images.family', { ref: id }).then(
        (value) => current() && set({ family: { value } }),
        (error: unknown) => current() && set({ family: { error: toErrorData(error) } }),
      );
      api
        .call('images.analyze', { ref: id }, {
          signal: own.signal,
          onProgress: (progress) => current() && set({ analysis: { loading: true, progress } }),
        })
        .then(
          (value) => current() && set({ analysis: { value } }),
          (error: unknown) => current() && set({ analysis: { error: toErrorData(error) } }),
        );
    };
    api
      .call('images.history', { ref })
      .then(
        (value) => current() && set({ history: { value } }),
        (error: unknown) => current() && set({ history: { error: toErrorData(error) } }),
      )
      .finally(rest);
  },
  cancel: () => controller?.abort(),
  close: () => {
    controller?.abort();
    controller = undefined;
    set({ ref: undefined, history: {}, analysis: {}, family: {}, inspect: {} });
  },
}));
