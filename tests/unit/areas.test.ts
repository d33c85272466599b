import { describe, expect, expectTypeOf, it } from 'vitest';

import { type AreaId, areas, type NavigationAreaId, navigationAreas } from '@shared/areas';
import { areaContracts, methods, topics } from '@shared/contract';

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

  it('gives every method and topic to exactly one area, and each area answers exactly its own', () => {
    expect(Object.keys(areaContracts).sort()).toEqual(areas.map((area) => area.id).sort());
    const contracts = Object.values(areaContracts);
    const count = (pick: (area: (typeof contracts)[number]) => object): number => contracts.reduce((sum, area) => sum + Object.keys(pick(area)).length, 0);
    expect(count((area) => area.methods)).toBe(Object.keys(methods).length);
    expect(count((area) => area.topics)).toBe(Object.keys(topics).length);
    for (const area of areas) {
      const wired: { methods: (s: Services) => object; topics?: (s: Services) => object } = areaHandlers[area.id];
      const contract = areaContracts[area.id];
      expect(Object.keys(wired.methods(services)).sort(), area.id).toEqual(Object.keys(contract.methods).sort());
      expect(Object.keys(wired.topics?.(services) ?? {}).sort(), area.id).toEqual(Object.keys(contract.topics).sort());
    }
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
