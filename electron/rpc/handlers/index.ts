import type { AreaId } from '@shared/areas';

import type { Handlers, TopicSources } from '../router';
import type { Services } from '../services';
import type { AreaHandlers } from './area';
import { composeHandlers } from './compose';
import { containersHandlers } from './containers';
import { engineHandlers } from './engine';
import { imagesHandlers } from './images';
import { kubeHandlers } from './kube';
import { learnHandlers } from './learn';
import { networksHandlers } from './networks';
import { pruneHandlers } from './prune';
import { swarmHandlers } from './swarm';
import { volumesHandlers } from './volumes';


/** Each area's handlers, keyed by the area list (shared/areas.ts): an area left out fails tsc. */
export const areaHandlers = {
  dashboard: engineHandlers,
  images: imagesHandlers,
  containers: containersHandlers,
  networks: networksHandlers,
  volumes: volumesHandlers,
  prune: pruneHandlers,
  compose: composeHandlers,
  swarm: swarmHandlers,
  kube: kubeHandlers,
  learn: learnHandlers,
} satisfies { [A in AreaId]: AreaHandlers<A> };

/** Every method's handler and every topic's source, from all areas. */
export function wireAreas(services: Services): { handlers: Handlers; topics: TopicSources } {
  const all: { methods: (services: Services) => object; topics?: (services: Services) => object }[] = Object.values(areaHandlers);
  // Complete by construction: the contract is the union of the areas' methods and topics, and
  // each area's entry answers exactly its own.
  return {
    handlers: Object.assign({}, ...all.map((area) => area.methods(services))) as Handlers,
    topics: Object.assign({}, ...all.map((area) => area.topics?.(services) ?? {})) as TopicSources,
  };
}
