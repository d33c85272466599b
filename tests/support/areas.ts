import type { AreaId } from '@shared/areas';
import { areaContracts } from '@shared/contract';

import type { Handlers, TopicSources, WiredArea } from '../../electron/rpc/router';

/**
 * For a router over hand-made handlers: each area's contract loads as in the backend, and every area
 * is answered from the same maps. A name the maps leave out is unknown to the router.
 */
export function staticAreas(handlers: Partial<Handlers>, sources: Partial<TopicSources> = {}): (area: AreaId) => Promise<WiredArea> {
  return async (area) => ({ ...(await areaContracts[area]()), handlers, sources });
}
