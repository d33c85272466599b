import type { AreaId } from '@shared/areas';
import { areaContracts } from '@shared/contract';

import type { WiredArea } from '../router';
import type { ServiceName, ServiceRegistry, Services } from '../services';
import type { SomeAreaHandlers } from './area';

/**
 * Each area's handlers, keyed by the area list (shared/areas.ts): an area left out fails tsc. Like the
 * contract, an area's handlers load when the area is first used.
 */
export const areaHandlers = {
  dashboard: async () => (await import('./engine')).engineHandlers,
  images: async () => (await import('./images')).imagesHandlers,
  containers: async () => (await import('./containers')).containersHandlers,
  networks: async () => (await import('./networks')).networksHandlers,
  volumes: async () => (await import('./volumes')).volumesHandlers,
  prune: async () => (await import('./prune')).pruneHandlers,
  compose: async () => (await import('./compose')).composeHandlers,
  swarm: async () => (await import('./swarm')).swarmHandlers,
  kube: async () => (await import('./kube')).kubeHandlers,
  learn: async () => (await import('./learn')).learnHandlers,
} satisfies { [A in AreaId]: () => Promise<SomeAreaHandlers<A>> };

/**
 * Loads an area for the router: its contract, and its handlers over the services it names (made now if
 * no area made them before). Complete by
 * construction: the contract is the union of the areas' methods and topics, and each area's entry
 * answers exactly its own.
 */
export function wireAreas(registry: ServiceRegistry): (area: AreaId) => Promise<WiredArea> {
  return async (area) => {
    const [contract, handlers] = await Promise.all([areaContracts[area](), areaHandlers[area]()]);
    const wired: { services: object; methods: (s: Services) => object; topics?: (s: Services) => object } = handlers;
    const services = (await registry.pick(Object.keys(wired.services) as ServiceName[])) as Services;
    return {
      methods: contract.methods,
      topics: contract.topics,
      handlers: wired.methods(services),
      sources: wired.topics?.(services) ?? {},
    };
  };
}
