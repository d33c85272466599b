import type { Deployment } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import type { DeleteOptions as K8sDeleteOptions } from 'kubernetes-types/meta/v1';

import { R } from '../api/resources';
import { formatLabelSelector } from '../api/selectors';
import type { SubresourceHandlers } from '../api/server';
import { ApiError, errors, success } from '../api/status';
import type { ClusterContext } from '../cluster';
import { as, isRecord, type KObject } from '../types';
import { livePdbStatus, pdbsFor } from './cluster-controllers';
import { isReady } from './replicaset-logic';

/** The scale and eviction subresources. */
export function workloadSubresources(ctx: ClusterContext): Pick<SubresourceHandlers, 'scale' | 'eviction'> {
  return {
    scale: {
      get: (_resource, o) => {
        const d = as<Deployment>(o);
        return {
          kind: 'Scale',
          apiVersion: 'autoscaling/v1',
          metadata: { name: o.metadata.name, namespace: o.metadata.namespace, uid: o.metadata.uid, resourceVersion: o.metadata.resourceVersion, creationTimestamp: o.metadata.creationTimestamp },
          spec: { replicas: d.spec?.replicas ?? 1 },
          status: { replicas: d.status?.replicas ?? 0, selector: formatLabelSelector(d.spec?.selector) },
        };
      },
      set: (resource, o, replicas) => ctx.objects.updateInternal(resource, { ...o, spec: { ...(o.spec as object), replicas } }),
    },
    eviction: (_request, pod, body) => {
      if (!isRecord(body) || (body.kind !== undefined && body.kind !== 'Eviction')) throw errors.badRequest('the body of an eviction must be an Eviction (policy/v1)');
      const ns = pod.metadata.namespace;
      const name = pod.metadata.name ?? '';
      if (pod.metadata.deletionTimestamp) return Promise.resolve({ ...success(), code: 201 });
      const pdbs = pdbsFor(ctx, pod);
      if (pdbs.length > 1) return Promise.reject(new ApiError(500, 'InternalError', 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.'));
      const pdb = pdbs[0];
      if (pdb && isReady(as<Pod>(pod))) {
        const status = livePdbStatus(ctx, pdb);
        if ((status.disruptionsAllowed ?? 0) <= 0) {
          return Promise.reject(
            errors.tooManyRequests("Cannot evict pod as it would violate the pod's disruption budget.", [
              { reason: 'DisruptionBudget', message: `The disruption budget ${pdb.metadata?.name ?? ''} needs ${status.desiredHealthy} healthy pods and has ${status.currentHealthy} currently` },
            ]),
          );
        }
      }
      const options = (isRecord(body.deleteOptions) ? body.deleteOptions : {}) as K8sDeleteOptions;
      ctx.objects.delete(R.pods, ns, name, {
        ...(options.gracePeriodSeconds !== undefined ? { gracePeriodSeconds: options.gracePeriodSeconds } : {}),
        ...(options.preconditions ? { preconditions: options.preconditions } : {}),
      });
      return Promise.resolve({ ...success(), code: 201 } as unknown as KObject);
    },
  };
}
