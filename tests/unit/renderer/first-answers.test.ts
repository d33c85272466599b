import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { EngineState } from '@shared/dto/engine';

// The rule under test reads the renderer's stores only. Their module imports the client to the
// backend, which needs a browser window and a bridge to exist: here it is a client that never answers,
// and the answers are put into the stores by the test.
vi.mock('../../../renderer/api', () => ({
  api: { onStatus: () => () => undefined, subscribe: () => () => undefined, call: () => new Promise(() => undefined) },
}));
vi.stubGlobal('window', { location: { hash: '' } });

const { firstAnswers } = await import('../../../renderer/startup');
const { useBackend } = await import('../../../renderer/stores/backend');
const { useDashboardStore } = await import('../../../renderer/stores/dashboard');
const { useEngineStore } = await import('../../../renderer/stores/engine');
const { useNavigation } = await import('../../../renderer/stores/navigation');

const engine = (status: EngineState['status']): EngineState => ({ status, everConnected: status === 'connected', attempt: 0 });
const counts = { images: 3, containers: { total: 2, running: 1, paused: 0, stopped: 1 }, networks: 4, volumes: 0 };

/** Starts waiting; `done()` says whether the wait has ended by now. */
function waiting(ms = 300): { done: () => Promise<boolean> } {
  let ended = false;
  void firstAnswers(ms).then(() => {
    ended = true;
  });
  return {
    done: async () => {
      await vi.advanceTimersByTimeAsync(0);
      return ended;
    },
  };
}

beforeEach(() => {
  vi.useFakeTimers();
  useBackend.setState({ open: undefined, everOpen: false });
  useEngineStore.setState({ state: undefined });
  useDashboardStore.setState({ counts: undefined, countsError: undefined });
  useNavigation.setState({ area: 'dashboard' });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('the first render waits for the first answers, briefly', () => {
  it('waits on the dashboard for the engine state and then the counts', async () => {
    const wait = waiting();
    expect(await wait.done()).toBe(false);
    useEngineStore.setState({ state: engine('connected') });
    expect(await wait.done()).toBe(false);
    useDashboardStore.setState({ counts });
    expect(await wait.done()).toBe(true);
  });

  it('takes an error for an answer', async () => {
    const wait = waiting();
    useEngineStore.setState({ state: engine('connected') });
    useDashboardStore.setState({ countsError: { code: 'ENGINE_UNAVAILABLE', message: 'gone' } });
    expect(await wait.done()).toBe(true);
  });

  it('needs no counts without an engine or away from the dashboard', async () => {
    const noEngine = waiting();
    useEngineStore.setState({ state: engine('disconnected') });
    expect(await noEngine.done()).toBe(true);

    useEngineStore.setState({ state: undefined });
    useNavigation.setState({ area: 'images' });
    const elsewhere = waiting();
    expect(await elsewhere.done()).toBe(false);
    useEngineStore.setState({ state: engine('connected') });
    expect(await elsewhere.done()).toBe(true);
  });

  it('stops waiting when the backend cannot be reached', async () => {
    const wait = waiting();
    useBackend.setState({ open: false });
    expect(await wait.done()).toBe(true);
  });

  it('draws without the answers once its time is up, not before', async () => {
    const wait = waiting(300);
    await vi.advanceTimersByTimeAsync(299);
    expect(await wait.done()).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await wait.done()).toBe(true);
  });
});
