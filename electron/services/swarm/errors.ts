import { type ErrorCode, type ErrorReason, LotseError } from '@shared/errors';

import { toLotseError } from '../docker/errors';

/**
 * Swarm's refusals, recognised by the engine's words (moby 20.10–27, swarmkit's gRPC texts). The
 * first row that matches wins; everything else goes through the engine mapping all areas share.
 */
const swarmRefusals: readonly { reason: ErrorReason; code: ErrorCode; pattern: RegExp }[] = [
  { reason: 'swarmAlreadyMember', code: 'CONFLICT', pattern: /already part of a swarm/i },
  { reason: 'swarmLocked', code: 'CONFLICT', pattern: /swarm is encrypted and needs to be unlocked|swarm is locked/i },
  // An engine outside any swarm says "not a swarm manager" too, and adds how to get into one.
  { reason: 'notInSwarm', code: 'CONFLICT', pattern: /not a swarm manager\. use "?docker swarm init/i },
  { reason: 'notSwarmManager', code: 'CONFLICT', pattern: /not a swarm manager/i },
  { reason: 'notInSwarm', code: 'CONFLICT', pattern: /not part of a swarm/i },
  { reason: 'joinTokenInvalid', code: 'DENIED', pattern: /valid join token is necessary|invalid join token|token.*(?:invalid|malformed)/i },
  { reason: 'joinTimeout', code: 'INTERNAL', pattern: /timeout was reached before node joined/i },
  { reason: 'managerUnreachable', code: 'NOT_FOUND', pattern: /error while dialing|connection refused|no route to host|i\/o timeout|context deadline exceeded/i },
  { reason: 'lastManager', code: 'CONFLICT', pattern: /last manager erases all current state/i },
  { reason: 'managerNeedsForce', code: 'CONFLICT', pattern: /participating as a manager/i },
  { reason: 'lastManagerDemote', code: 'CONFLICT', pattern: /demote the last manager/i },
  { reason: 'quorumLoss', code: 'CONFLICT', pattern: /loss of quorum|lose quorum/i },
  { reason: 'updateOutOfSequence', code: 'CONFLICT', pattern: /update out of sequence/i },
  { reason: 'serviceNameInUse', code: 'CONFLICT', pattern: /name conflicts with an existing object/i },
  { reason: 'noPreviousSpec', code: 'CONFLICT', pattern: /does not have a previous spec/i },
  { reason: 'nodeNotDown', code: 'CONFLICT', pattern: /is not down and can't be removed|is not down and can.t be removed/i },
  { reason: 'unlockKeyInvalid', code: 'DENIED', pattern: /invalid key|unlock key .* (?:invalid|incorrect)|could not decrypt/i },
  { reason: 'noSuchService', code: 'NOT_FOUND', pattern: /service \S+ not found|no such service/i },
  { reason: 'noSuchNode', code: 'NOT_FOUND', pattern: /node \S+ not found|no such node/i },
];

/** The reasons the swarm table recognises in the engine's words. */
export const swarmRefusalReasons: readonly ErrorReason[] = swarmRefusals.map((r) => r.reason);

/** Is this the engine saying another write came first (a stale version index)? */
export function isOutOfSequence(error: unknown): boolean {
  return /update out of sequence/i.test(toLotseError(error).detail ?? toLotseError(error).message);
}

/** An engine error as data, with the swarm reason the UI can say. */
export function swarmError(error: unknown): LotseError {
  const lotse = toLotseError(error);
  if (error instanceof LotseError && (error.reason || error.code === 'CANCELLED')) return lotse;
  const words = lotse.detail ?? lotse.message;
  const row = swarmRefusals.find((r) => r.pattern.test(words));
  return row ? new LotseError(row.code, words, lotse.hint, { reason: row.reason, detail: words }) : lotse;
}
