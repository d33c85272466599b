import { create } from 'zustand';

import { HELPER_LABEL } from '@shared/rules/learn';
import type { EngineEvent } from '@shared/dto/engine';

import { api } from '../api';
import { ringPush } from '../learn/ring';

/** How many events the feed keeps; older ones fall out (a ring, not a log). */
export const FEED_LIMIT = 500;
const NAME_LIMIT = 5000;

interface FeedEvent extends EngineEvent {
  seq: number;
}

interface EventsFeedStore {
  events: FeedEvent[];
  /** Container names by id: network and volume events name only the id. */
  names: Map<string, string>;
  paused: boolean;
  setPaused: (paused: boolean) => void;
  clear: () => void;
  push: (event: EngineEvent) => void;
  /** Follows the engine's event stream; returns the disposer. */
  watch: () => () => void;
}

let seq = 0;

/** The engine's events as they come, newest last, bounded; Lotse's own check helpers left out. */
export const useEventsFeed = create<EventsFeedStore>((set, get) => ({
  events: [],
  names: new Map(),
  paused: false,
  setPaused: (paused) => set({ paused }),
  clear: () => set({ events: [] }),
  push: (event) => {
    const { names } = get();
    if (event.type === 'container' && event.attributes.name) {
      if (names.size >= NAME_LIMIT) names.delete(names.keys().next().value ?? '');
      names.set(event.id, event.attributes.name);
    }
    if (event.attributes[HELPER_LABEL]) return;
    if (get().paused) return;
    seq += 1;
    set((s) => ({ events: ringPush(s.events, { ...event, seq }, FEED_LIMIT) }));
  },
  watch: () => {
    const helpers = new Set<string>();
    return api.subscribe('docker.events', {}, (event) => {
      // A helper's network and volume events carry only its id: remember it from its container events.
      if (event.attributes[HELPER_LABEL]) helpers.add(event.id);
      if (helpers.has(event.attributes.container ?? '')) return;
      get().push(event);
    });
  },
}));
