import { describe, expect, it } from 'vitest';

import { matchesFields, matchesRequirements, parseFieldSelector, parseLabelSelector, selectorMatches, SelectorError } from '../../../electron/practice-cluster/api/selectors';
import type { KObject } from '../../../electron/practice-cluster/types';

describe('label selectors', () => {
  const labels = { app: 'web', tier: 'front', version: '3' };
  it.each([
    ['app=web', true],
    ['app==web', true],
    ['app!=web', false],
    ['app=db', false],
    ['app in (db,web)', true],
    ['app notin (db, web)', false],
    ['tier', true],
    ['!tier', false],
    ['!missing', true],
    ['app=web,tier=front', true],
    ['app=web,tier=back', false],
    ['version>2', true],
    ['version<2', false],
    ['missing!=x', true],
    ['', true],
  ])('%s → %s', (text, expected) => {
    expect(matchesRequirements(parseLabelSelector(text), labels)).toBe(expected);
  });

  it('rejects malformed selectors with the real wording', () => {
    expect(() => parseLabelSelector('app=we b')).toThrow(SelectorError);
    expect(() => parseLabelSelector('-bad=x')).toThrow(/invalid label key/);
    expect(() => parseLabelSelector('v>abc')).toThrow(/must be an integer/);
  });

  it('LabelSelector objects: empty selects all, missing selects none, expressions apply', () => {
    expect(selectorMatches({}, labels)).toBe(true);
    expect(selectorMatches(undefined, labels)).toBe(false);
    expect(selectorMatches({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['front'] }] }, labels)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] }, labels)).toBe(false);
  });
});

describe('field selectors', () => {
  const pod = { metadata: { name: 'p', namespace: 'ns' }, spec: { nodeName: 'lotse-worker' }, status: { phase: 'Running' } } as unknown as KObject;
  it('selects by the fields kubectl uses', () => {
    expect(matchesFields(parseFieldSelector('spec.nodeName=lotse-worker', 'pods'), pod)).toBe(true);
    expect(matchesFields(parseFieldSelector('spec.nodeName=lotse-worker,status.phase!=Succeeded,status.phase!=Failed', 'pods'), pod)).toBe(true);
    expect(matchesFields(parseFieldSelector('metadata.name=q', 'pods'), pod)).toBe(false);
    expect(matchesFields(parseFieldSelector('spec.nodeName=', 'pods'), { ...pod, spec: {} })).toBe(true);
  });
  it('events by involvedObject', () => {
    const ev = { metadata: { name: 'e' }, involvedObject: { kind: 'Pod', name: 'web', uid: 'u1' } } as unknown as KObject;
    expect(matchesFields(parseFieldSelector('involvedObject.kind=Pod,involvedObject.name=web,involvedObject.uid=u1', 'events'), ev)).toBe(true);
    expect(matchesFields(parseFieldSelector('involvedObject.name=other', 'events'), ev)).toBe(false);
  });
  it('refuses fields the resource cannot be selected by', () => {
    expect(() => parseFieldSelector('spec.nodeName=x', 'apps/deployments')).toThrow('field label not supported: spec.nodeName');
  });
});
