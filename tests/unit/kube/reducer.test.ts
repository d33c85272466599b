import { describe, expect, it } from 'vitest';

import type { KPod, WatchChange } from '@shared/dto/kube';
import { applyChanges, applyWatchEvent, compareResourceVersions, emptyList, listItems, resetList } from '@shared/kube/reducer';

import { pod } from './fixtures';

const at = (p: KPod, resourceVersion: string, patch: Partial<KPod> = {}): KPod => ({ ...p, ...patch, meta: { ...p.meta, resourceVersion } });
const change = (type: WatchChange['type'], object: KPod): WatchChange => ({ type, object });

describe('resourceVersion order', () => {
  it('compares decimal resourceVersions as numbers and gives up on anything else', () => {
    expect(compareResourceVersions('9', '10')).toBeLessThan(0);
    expect(compareResourceVersions('100', '99')).toBeGreaterThan(0);
    expect(compareResourceVersions('007', '7')).toBe(0);
    expect(compareResourceVersions('12345678901234567890', '12345678901234567891')).toBeLessThan(0);
    expect(compareResourceVersions('abc', '10')).toBeUndefined();
  });
});

describe('list reducer', () => {
  const a = pod('a', 'ns', { app: 'x' });
  const b = pod('b', 'ns', { app: 'x' });

  it('a list, then adds, updates and deletes from the watch', () => {
    let state = resetList([at(a, '10')], '10');
    state = applyChanges(state, [change('ADDED', at(b, '11')), change('MODIFIED', at(a, '12', { phase: 'Succeeded' }))]);
    expect(listItems(state).map((p) => `${p.meta.name}:${p.phase}`)).toEqual(['a:Succeeded', 'b:Running']);
    expect(state.resourceVersion).toBe('12');
    state = applyChanges(state, [change('DELETED', at(b, '13'))]);
    expect(listItems(state).map((p) => p.meta.name)).toEqual(['a']);
  });

  it('drops events older than what the list holds (a replay after a reconnect)', () => {
    let state = resetList([at(a, '20', { phase: 'Running' })], '20');
    state = applyChanges(state, [change('MODIFIED', at(a, '15', { phase: 'Pending' })), change('MODIFIED', at(a, '20', { phase: 'Failed' }))]);
    expect(listItems(state)[0]?.phase).toBe('Running');
    expect(state.dropped).toBe(2);
    expect(state.resourceVersion).toBe('20');
  });

  it('keeps a re-created object when the deletion of its predecessor arrives late', () => {
    const successor = { ...at(a, '30'), meta: { ...at(a, '30').meta, uid: 'new-uid' } };
    let state = resetList([successor], '30');
    state = applyChanges(state, [change('DELETED', at(a, '25'))]);
    expect(listItems(state)[0]?.meta.uid).toBe('new-uid');
    expect(state.dropped).toBe(1);
  });

  it('returns the same state when nothing changes, so views do not render for nothing', () => {
    const state = resetList([at(a, '10')], '10');
    expect(applyChanges(state, [change('DELETED', at(b, '11'))])).not.toBe(state);
    expect(applyChanges(state, [])).toBe(state);
  });

  it('a re-list replaces everything; stale marks the list until changes arrive again', () => {
    let state = applyWatchEvent(emptyList<KPod>(), { kind: 'reset', resourceVersion: '5', items: [at(a, '5'), at(b, '5')] });
    state = applyWatchEvent(state, { kind: 'stale', error: { code: 'K8S_UNREACHABLE', message: 'gone' } });
    expect(state.stale).toBe(true);
    state = applyWatchEvent(state, { kind: 'reset', resourceVersion: '50', items: [at(b, '49')] });
    expect(state.stale).toBe(false);
    expect(listItems(state).map((p) => p.meta.name)).toEqual(['b']);
    state = applyWatchEvent(state, { kind: 'changes', changes: [change('ADDED', at(a, '51'))] });
    expect(state.items.size).toBe(2);
  });
});

describe('a watch joined while it runs', () => {
  it('starts from the whole list: the events folded into one reset', async () => {
    const { foldWatch } = await import('../../../electron/rpc/handlers/kube');
    const a = pod('a', 'ns', {});
    const b = pod('b', 'ns', {});
    let folded = foldWatch(undefined, { kind: 'reset', resourceVersion: '10', items: [at(a, '10')] });
    folded = foldWatch(folded, { kind: 'changes', changes: [change('ADDED', at(b, '11')), change('MODIFIED', at(a, '12', { phase: 'Failed' }))] });
    expect(folded.kind).toBe('reset');
    expect(folded.kind === 'reset' && folded.items.map((p) => `${p.meta.name}:${(p as KPod).phase}`).sort()).toEqual(['a:Failed', 'b:Running']);
    expect(folded.kind === 'reset' && folded.resourceVersion).toBe('12');
    // Refused before anything was listed: the joiner hears the refusal.
    const refused = foldWatch(undefined, { kind: 'stale', error: { code: 'K8S_FORBIDDEN', message: 'no' } });
    expect(refused).toMatchObject({ kind: 'stale', error: { code: 'K8S_FORBIDDEN' } });
  });
});
