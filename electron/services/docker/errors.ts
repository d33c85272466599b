import { type ErrorCode, type ErrorReason, LotseError } from '@shared/errors';

interface EngineLikeError {
  statusCode?: number;
  code?: string;
  reason?: string;
  json?: { message?: string } | null;
  message?: string;
}

/**
 * The engine's refusals a learner meets, recognised by their words (moby's messages as of API
 * 1.41–1.47). The first row that matches wins, so narrow rows stand before broad ones.
 */
const engineRefusals: readonly { reason: ErrorReason; code: ErrorCode; pattern: RegExp }[] = [
  { reason: 'portAllocated', code: 'CONFLICT', pattern: /port is already allocated/i },
  { reason: 'addressInUse', code: 'CONFLICT', pattern: /address already in use/i },
  { reason: 'nameInUse', code: 'CONFLICT', pattern: /container name .* is already in use/i },
  { reason: 'networkExists', code: 'CONFLICT', pattern: /network with name .* already exists/i },
  { reason: 'alreadyConnected', code: 'CONFLICT', pattern: /endpoint with name .* already exists in network|already (?:exists in|connected to) network/i },
  { reason: 'notConnected', code: 'CONFLICT', pattern: /is not connected to (?:the )?network/i },
  { reason: 'networkHasEndpoints', code: 'CONFLICT', pattern: /has active endpoints/i },
  { reason: 'defaultNetwork', code: 'DENIED', pattern: /is a pre-defined network and cannot be removed/i },
  { reason: 'volumeInUse', code: 'CONFLICT', pattern: /volume is in use/i },
  { reason: 'removeRunningContainer', code: 'CONFLICT', pattern: /cannot remove a running container|stop the container before (?:attempting )?remov/i },
  { reason: 'removalInProgress', code: 'CONFLICT', pattern: /removal of container .* is already in progress/i },
  { reason: 'containerRestarting', code: 'CONFLICT', pattern: /is restarting, wait until the container is running/i },
  { reason: 'containerAlreadyPaused', code: 'CONFLICT', pattern: /is already paused/i },
  { reason: 'containerNotPaused', code: 'CONFLICT', pattern: /is not paused/i },
  { reason: 'containerPaused', code: 'CONFLICT', pattern: /is paused|cannot start a paused container/i },
  { reason: 'containerAlreadyRunning', code: 'CONFLICT', pattern: /is already running|already started/i },
  { reason: 'containerNotRunning', code: 'CONFLICT', pattern: /is not running/i },
  { reason: 'imageInUse', code: 'CONFLICT', pattern: /image is being used by .*container|container \w+ is using its referenced image/i },
  { reason: 'imageHasChildren', code: 'CONFLICT', pattern: /image has dependent child images/i },
  { reason: 'imageMultipleTags', code: 'CONFLICT', pattern: /image is referenced in multiple repositories/i },
  { reason: 'pullDenied', code: 'NOT_FOUND', pattern: /pull access denied|repository does not exist/i },
  { reason: 'manifestUnknown', code: 'NOT_FOUND', pattern: /manifest unknown|manifest for .* not found/i },
  { reason: 'registryUnauthorized', code: 'DENIED', pattern: /unauthorized|authentication required|incorrect username or password/i },
  { reason: 'registryDenied', code: 'DENIED', pattern: /requested access to the resource is denied/i },
  { reason: 'registryUnreachable', code: 'NOT_FOUND', pattern: /(?:dial tcp|lookup) .*(?:no such host|connection refused|i\/o timeout|network is unreachable)|server gave HTTP response to HTTPS client/i },
  { reason: 'noSuchContainer', code: 'NOT_FOUND', pattern: /no such container/i },
  { reason: 'noSuchImage', code: 'NOT_FOUND', pattern: /no such image|image .* not found|unable to find image/i },
  { reason: 'noSuchVolume', code: 'NOT_FOUND', pattern: /no such volume/i },
  { reason: 'noSuchNetwork', code: 'NOT_FOUND', pattern: /network \S+ not found|no such network/i },
  { reason: 'invalidReference', code: 'INVALID_PARAMS', pattern: /invalid reference format|invalid tag format/i },
  { reason: 'invalidName', code: 'INVALID_PARAMS', pattern: /invalid container name|invalid characters for a local volume name/i },
  { reason: 'bindSourceMissing', code: 'INVALID_PARAMS', pattern: /bind source path does not exist/i },
  { reason: 'startFailed', code: 'INTERNAL', pattern: /OCI runtime|starting container process/i },
  { reason: 'permissionDenied', code: 'DENIED', pattern: /permission denied|operation not permitted/i },
];

/** The reason the engine's words name, with the code that goes with it. */
function engineRefusal(message: string): { reason: ErrorReason; code: ErrorCode } | undefined {
  const row = engineRefusals.find((r) => r.pattern.test(message));
  return row ? { reason: row.reason, code: row.code } : undefined;
}

/** Maps dockerode status codes, socket errors and the engine's words to errors as data. */
export function toLotseError(error: unknown): LotseError {
  if (error instanceof LotseError) return withReason(error);
  if (!error || typeof error !== 'object') return new LotseError('INTERNAL', String(error));
  const e = error as EngineLikeError;
  const detail = engineMessage(e);
  switch (e.code) {
    case 'ENOENT':
    case 'ECONNREFUSED':
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
      return new LotseError(
        'ENGINE_UNAVAILABLE',
        `The Docker engine does not answer (${e.code}).`,
        'Start Docker (Docker Desktop, or `sudo systemctl start docker`) and wait a moment: Lotse reconnects by itself.',
        { reason: 'engineUnreachable', detail },
      );
    case 'EACCES':
    case 'EPERM':
      return new LotseError(
        'ENGINE_PERMISSION',
        'You are not allowed to use the Docker socket.',
        'Add your user to the docker group (`sudo usermod -aG docker $USER`, then log in again) — and remember that this group is as powerful as root.',
        { reason: 'socketPermission', detail },
      );
    case 'ERR_UNESCAPED_CHARACTERS':
      // Node refuses a request path with spaces before the engine sees it.
      return new LotseError('INVALID_PARAMS', 'A name or reference holds characters that cannot go into a request (such as spaces).', undefined, {
        reason: 'unescapedCharacters',
        detail,
      });
    default:
      break;
  }
  const refusal = engineRefusal(detail);
  if (refusal) return new LotseError(refusal.code, detail, undefined, { reason: refusal.reason, detail });
  switch (e.statusCode) {
    case 400:
      return new LotseError('INVALID_PARAMS', detail);
    case 401:
    case 403:
      return new LotseError('DENIED', detail);
    case 404:
      return new LotseError('NOT_FOUND', detail);
    case 409:
      return new LotseError('CONFLICT', detail);
    default:
      return new LotseError('INTERNAL', detail);
  }
}

/** A service's own error that quotes the engine keeps its code and gains the reason the UI can say. */
function withReason(error: LotseError): LotseError {
  if (error.reason || error.issues || error.code === 'CANCELLED' || error.code === 'METHOD_NOT_FOUND') return error;
  const refusal = engineRefusal(error.message);
  return refusal ? new LotseError(error.code, error.message, error.hint, { reason: refusal.reason, detail: error.detail ?? error.message }) : error;
}

function engineMessage(e: EngineLikeError): string {
  const fromJson = e.json && typeof e.json === 'object' ? e.json.message : undefined;
  if (fromJson) return fromJson;
  // docker-modem puts the engine's words after the status text: "(HTTP code 500) server error - <message>".
  const afterReason = e.message ? /^\(HTTP code \d+\) [^-]*- (.+)$/s.exec(e.message)?.[1]?.trim() : undefined;
  return afterReason || e.reason || e.message || 'Unknown error';
}
