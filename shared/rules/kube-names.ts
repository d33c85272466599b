import { z } from 'zod';

/**
 * Kubernetes' naming rules (RFC 1123), checked before a name goes into the API's URLs.
 * A DNS label: namespaces, container names, ports' names; at most 63 characters.
 */
export const KubeLabelName = z
  .string()
  .min(1)
  .max(63)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);

/** A DNS subdomain: the names of most objects (deployments, pods, nodes, roles); at most 253 characters. */
export const KubeName = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/);
