import { describe, expect, it } from 'vitest';

import { type ErrorCode, type ErrorReason, errorReasons, LotseError } from '@shared/errors';

import { toLotseError } from '../../../electron/services/docker/errors';
import { swarmRefusalReasons } from '../../../electron/services/swarm/errors';

/** An error as dockerode raises it: the status and the engine's JSON body. */
const engine = (statusCode: number, message: string): Error => Object.assign(new Error(`(HTTP code ${statusCode}) - ${message}`), { statusCode, json: { message } });

const ID = '33cbba969a827f886c0703ed050f4f92c2d974c245948a82fd167e3933516efd';

// The engine's words as Docker 20.10 answers them (captured from the lab engine), and a few from
// newer engines and registries that the lab cannot provoke offline.
const refusals: [status: number, message: string, code: ErrorCode, reason: ErrorReason][] = [
  [500, 'driver failed programming external connectivity on endpoint web (8546c536): Bind for 0.0.0.0:18997 failed: port is already allocated', 'CONFLICT', 'portAllocated'],
  [500, 'driver failed programming external connectivity on endpoint web (8546c536): Error starting userland proxy: listen tcp4 0.0.0.0:8080: bind: address already in use', 'CONFLICT', 'addressInUse'],
  [409, `Conflict. The container name "/web" is already in use by container "${ID}". You have to remove (or rename) that container to be able to reuse that name.`, 'CONFLICT', 'nameInUse'],
  [409, 'network with name lotse-probe-net already exists', 'CONFLICT', 'networkExists'],
  [404, 'No such container: nope-xyz', 'NOT_FOUND', 'noSuchContainer'],
  [404, 'no such image: nope-xyz:1: No such image: nope-xyz:1', 'NOT_FOUND', 'noSuchImage'],
  [404, 'network nope-xyz not found', 'NOT_FOUND', 'noSuchNetwork'],
  [404, 'get nope-xyz: no such volume', 'NOT_FOUND', 'noSuchVolume'],
  [404, "pull access denied for nope, repository does not exist or may require 'docker login': denied: requested access to the resource is denied", 'NOT_FOUND', 'pullDenied'],
  [404, 'manifest for 127.0.0.1:5000/nope-xyz:1 not found: manifest unknown: manifest unknown', 'NOT_FOUND', 'manifestUnknown'],
  [500, 'Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io on 10.255.255.53:53: no such host', 'NOT_FOUND', 'registryUnreachable'],
  [500, 'Get "https://127.0.0.1:5001/v2/": unauthorized: authentication required', 'DENIED', 'registryUnauthorized'],
  [500, 'denied: requested access to the resource is denied', 'DENIED', 'registryDenied'],
  [400, 'invalid reference format: repository name must be lowercase', 'INVALID_PARAMS', 'invalidReference'],
  [500, 'invalid tag format', 'INVALID_PARAMS', 'invalidReference'],
  [400, 'Invalid container name (Bad Name), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed', 'INVALID_PARAMS', 'invalidName'],
  [400, 'create bad name: "bad name" includes invalid characters for a local volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host directory, use absolute path', 'INVALID_PARAMS', 'invalidName'],
  [403, `error while removing network: network lotse-probe-net id ${ID} has active endpoints`, 'CONFLICT', 'networkHasEndpoints'],
  [403, 'bridge is a pre-defined network and cannot be removed', 'DENIED', 'defaultNetwork'],
  [403, 'endpoint with name web already exists in network lotse-net', 'CONFLICT', 'alreadyConnected'],
  [500, `container ${ID} is not connected to network lotse-net`, 'CONFLICT', 'notConnected'],
  [409, `remove lotse-probe-vol: volume is in use - [${ID}]`, 'CONFLICT', 'volumeInUse'],
  [409, `Container ${ID} is not running`, 'CONFLICT', 'containerNotRunning'],
  [409, `Cannot kill container: web: Container ${ID} is not running`, 'CONFLICT', 'containerNotRunning'],
  [409, `Container ${ID} is paused. Unpause the container before stopping or killing`, 'CONFLICT', 'containerPaused'],
  [409, 'cannot start a paused container, try unpause instead', 'CONFLICT', 'containerPaused'],
  [409, `Container ${ID} is already paused`, 'CONFLICT', 'containerAlreadyPaused'],
  [409, `Container ${ID} is not paused`, 'CONFLICT', 'containerNotPaused'],
  [409, `Container ${ID} is already running`, 'CONFLICT', 'containerAlreadyRunning'],
  [409, `Container ${ID} is restarting, wait until the container is running`, 'CONFLICT', 'containerRestarting'],
  [409, `removal of container ${ID} is already in progress`, 'CONFLICT', 'removalInProgress'],
  [409, `You cannot remove a running container ${ID}. Stop the container before attempting removal or force remove`, 'CONFLICT', 'removeRunningContainer'],
  [409, 'cannot remove container "/web": container is running: stop the container before removing or force remove', 'CONFLICT', 'removeRunningContainer'],
  [409, 'conflict: unable to remove repository reference "lotse-lab/busybox:1.0" (must force) - container 33cbba969a82 is using its referenced image 50fc1327d3bc', 'CONFLICT', 'imageInUse'],
  [409, 'conflict: unable to delete 50fc1327d3bc (cannot be forced) - image is being used by running container 33cbba969a82', 'CONFLICT', 'imageInUse'],
  [409, 'conflict: unable to delete 50fc1327d3bc (cannot be forced) - image has dependent child images', 'CONFLICT', 'imageHasChildren'],
  [409, 'conflict: unable to delete 50fc1327d3bc (must be forced) - image is referenced in multiple repositories', 'CONFLICT', 'imageMultipleTags'],
  [400, 'invalid mount config for type "bind": bind source path does not exist: /nope', 'INVALID_PARAMS', 'bindSourceMissing'],
  [400, 'OCI runtime create failed: container_linux.go:380: starting container process caused: exec: "nope": executable file not found in $PATH: unknown', 'INTERNAL', 'startFailed'],
  [500, 'open /var/lib/docker/volumes/x/_data: permission denied', 'DENIED', 'permissionDenied'],
];

describe('toLotseError: what the engine refused, by its words', () => {
  it.each(refusals)('%i %s', (status, message, code, reason) => {
    const error = toLotseError(engine(status, message));
    expect(error.toData()).toEqual({ code, message, reason, detail: message });
  });

  it('knows every reason the UI can say', () => {
    const recognised = new Set(refusals.map(([, , , reason]) => reason));
    recognised.add('engineUnreachable').add('socketPermission').add('unescapedCharacters');
    // Swarm's refusals are recognised by its own table on top of this one; two it says before the engine is asked.
    for (const reason of swarmRefusalReasons) recognised.add(reason);
    recognised.add('scaleGlobal').add('noAttachableNetwork');
    // Kubernetes reasons come from the cluster's Status objects (electron/services/kube/http.ts), not the engine's words.
    expect(errorReasons.filter((reason) => !recognised.has(reason) && !reason.startsWith('k8s'))).toEqual([]);
  });

  it("keeps a service's own error and code, and adds the reason its quoted engine words name", () => {
    const wrapped = toLotseError(new LotseError('NOT_FOUND', `The registry refused the pull of nope: ${refusals[8]?.[1] ?? ''}`, 'Log in first.'));
    expect(wrapped).toMatchObject({ code: 'NOT_FOUND', reason: 'pullDenied', hint: 'Log in first.' });
    const own = new LotseError('INVALID_PARAMS', 'Paths with .. are not allowed.');
    expect(toLotseError(own)).toBe(own);
  });

  it("prefers the engine's own words over the HTTP status text", () => {
    const fromJson = toLotseError(Object.assign(new Error('x'), { statusCode: 500, reason: 'server error', json: { message: 'driver failed' } }));
    expect(fromJson.message).toBe('driver failed');
    const fromText = toLotseError(
      Object.assign(new Error('(HTTP code 500) server error - conflict: unable to delete 1234 (must be forced)'), { statusCode: 500, reason: 'server error', json: null }),
    );
    expect(fromText).toMatchObject({ code: 'INTERNAL', message: 'conflict: unable to delete 1234 (must be forced)' });
  });

  it('maps socket errors to engine codes with a reason and a hint', () => {
    expect(toLotseError(Object.assign(new Error('connect ENOENT /var/run/docker.sock'), { code: 'ENOENT' }))).toMatchObject({ code: 'ENGINE_UNAVAILABLE', reason: 'engineUnreachable' });
    const eacces = toLotseError(Object.assign(new Error('connect EACCES /var/run/docker.sock'), { code: 'EACCES' }));
    expect(eacces).toMatchObject({ code: 'ENGINE_PERMISSION', reason: 'socketPermission' });
    expect(eacces.hint).toMatch(/docker group/);
  });

  it('turns a path Node refuses to send (a space in a name) into refused input, not the socket library\'s words', () => {
    const node = Object.assign(new TypeError('Request path contains unescaped characters'), { code: 'ERR_UNESCAPED_CHARACTERS' });
    expect(toLotseError(node)).toMatchObject({ code: 'INVALID_PARAMS', reason: 'unescapedCharacters', detail: 'Request path contains unescaped characters' });
  });

  it('keeps the status code where the words are unknown', () => {
    expect(toLotseError(engine(404, 'something else is missing'))).toMatchObject({ code: 'NOT_FOUND', message: 'something else is missing' });
    expect(toLotseError(engine(409, 'some other conflict')).toData()).toEqual({ code: 'CONFLICT', message: 'some other conflict' });
  });
});
