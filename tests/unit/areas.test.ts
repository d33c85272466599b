import { describe, expect, expectTypeOf, it } from 'vitest';

import { type AreaId, areaOfName, areas, type NavigationAreaId, navigationAreas } from '@shared/areas';
import { areaContracts, loadContract } from '@shared/contract';

import { areaHandlers } from '../../electron/rpc/handlers';
import type { Services } from '../../electron/rpc/services';
import type { areaViews } from '../../renderer/views/registry';
import { languages, loadTexts, namespaces } from './renderer/translate';

// The handlers only close over their services; nothing is called here.
const services = new Proxy({}, { get: () => ({}) }) as Services;

describe('the area list', () => {
  it('has handlers for every area and a view for every area in the navigation', () => {
    expectTypeOf<keyof typeof areaHandlers>().toEqualTypeOf<AreaId>();
    expectTypeOf<keyof typeof areaViews>().toEqualTypeOf<NavigationAreaId>();
    expect(Object.keys(areaHandlers).sort()).toEqual(areas.map((area) => area.id).sort());
  });

  it('gives every method and topic to exactly one area, found by its first word, and each area answers exactly its own', async () => {
    expect(Object.keys(areaContracts).sort()).toEqual(areas.map((area) => area.id).sort());
    const { methods, topics } = await loadContract();
    let methodCount = 0;
    let topicCount = 0;
    for (const area of areas) {
      const contract = await areaContracts[area.id]();
      methodCount += Object.keys(contract.methods).length;
      topicCount += Object.keys(contract.topics).length;
      // The router loads an area by the first word of a name: every name must lead to its own area.
      for (const name of [...Object.keys(contract.methods), ...Object.keys(contract.topics)]) expect(areaOfName(name), name).toBe(area.id);
      const wired: { methods: (s: Services) => object; topics?: (s: Services) => object } = await areaHandlers[area.id]();
      expect(Object.keys(wired.methods(services)).sort(), area.id).toEqual(Object.keys(contract.methods).sort());
      expect(Object.keys(wired.topics?.(services) ?? {}).sort(), area.id).toEqual(Object.keys(contract.topics).sort());
    }
    expect(methodCount).toBe(Object.keys(methods).length);
    expect(topicCount).toBe(Object.keys(topics).length);
    expect(areaOfName('nothing.here')).toBeUndefined();
    expect(areaOfName('__proto__.x')).toBeUndefined();
    expect(areaOfName('kube')).toBeUndefined();
  });

  it('names and describes every area in both languages, and each has its texts', () => {
    for (const language of languages) {
      const common = loadTexts(language, 'common') as { nav: Record<string, unknown>; area: Record<string, unknown> };
      for (const area of navigationAreas) {
        expect(typeof common.nav[area.id], `${language} nav.${area.id}`).toBe('string');
        // The command palette's description of the area.
        if (area.id !== 'dashboard') expect(typeof common.area[area.id], `${language} area.${area.id}`).toBe('string');
      }
    }
    expect(areas.filter((area) => !namespaces.includes(area.namespace)).map((area) => area.id)).toEqual([]);
  });
});
