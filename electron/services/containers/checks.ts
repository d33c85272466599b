import { createSocket } from 'node:dgram';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:net';

import type Docker from 'dockerode';

import type { FieldIssue, RunField, RunSpec } from '@shared/dto/containers';
import { containerDisplayName } from '@shared/rules/containers';
import { checkImageRef, checkNetworkRef } from '@shared/rules/names';

import { toLotseError } from '../docker/errors';
import type { EngineService } from '../docker/engine';
import { imageOf, networkOf } from '../docker/paths';
import { specIssues } from './spec';

const BUILTIN_NETWORKS = new Set(['bridge', 'host', 'none', 'default']);

/** Every problem the spec has, each with its field; asks the engine and the host where needed. */
export async function checkRunSpec(engine: EngineService, spec: RunSpec): Promise<FieldIssue[]> {
  const docker = engine.docker();
  const issues = specIssues(spec, engine.state.info?.cpus ?? 0);
  const local = engine.state.endpoint?.kind !== 'tcp';
  const tasks: Promise<void>[] = [];
  const add = (issue: FieldIssue): void => void issues.push(issue);

  const imageIssue = checkImageRef(spec.image);
  if (imageIssue) {
    add({ field: 'image', code: 'imageInvalid', params: { image: spec.image, problem: imageIssue.code }, message: `"${spec.image}" is not an image name.`, hint: 'Lowercase letters and digits with . _ - between them, parts joined by /, then :tag — like nginx:1.27 or 127.0.0.1:5000/learn/web:1.0.' });
  } else {
    tasks.push(
      imageOf(docker, spec.image)
        .inspect()
        .then(
          () => undefined,
          (error: unknown) => {
            const e = toLotseError(error);
            if (e.code === 'NOT_FOUND') {
              add({ field: 'image', code: 'imageMissing', params: { image: spec.image }, message: `The image ${spec.image} is not on this machine.`, hint: `Pull it first: docker pull ${spec.image}` });
            } else add({ field: 'image', message: e.message });
          },
        ),
    );
  }
  if (spec.name) {
    const name = spec.name;
    tasks.push(
      docker.listContainers({ all: true, filters: { name: [`^/${escapeRegExp(name)}$`] } }).then((found) => {
        const other = found[0];
        if (other) {
          add({
            field: 'name',
            code: 'nameTaken', params: { name, holder: other.Id.slice(0, 12), state: other.State }, message: `The name "${name}" is taken by container ${other.Id.slice(0, 12)} (${other.State}).`,
            hint: 'Names are unique per engine: choose another name, or remove or rename the other container.',
          });
        }
      }),
    );
  }
  if (spec.ports.some((p) => p.hostPort !== undefined)) {
    tasks.push(checkPorts(docker, spec, local, add));
  }
  if (local) {
    spec.mounts.forEach((mount, index) => {
      if (mount.type !== 'bind' || !mount.source.startsWith('/')) return;
      tasks.push(
        stat(mount.source).then(
          () => undefined,
          () =>
            add({
              field: 'mounts',
              index,
              code: 'bindMissing', params: { path: mount.source }, message: `The host path ${mount.source} does not exist.`,
              hint: 'Create the folder first, or pick an existing one. (docker run -v would silently create an empty folder as root.)',
            }),
        ),
      );
    });
  }
  spec.envFiles.forEach((file, index) => {
    tasks.push(
      readFile(file, 'utf8').then(
        () => undefined,
        () => add({ field: 'envFiles', index, code: 'envFileUnreadable', params: { path: file }, message: `The env file ${file} cannot be read.`, hint: 'Check the path: it is read on this machine.' }),
      ),
    );
  });
  if (spec.network && !BUILTIN_NETWORKS.has(spec.network) && !spec.network.startsWith('container:')) {
    const network = spec.network;
    const networkIssue = checkNetworkRef(network);
    if (networkIssue) {
      add({ field: 'network', code: 'networkInvalid', params: { network, problem: networkIssue.code }, message: `"${network}" cannot name a network.`, hint: 'Choose one of the networks in the list.' });
    } else {
      tasks.push(
        networkOf(docker, network)
          .inspect()
          .then(
            () => undefined,
            () => add({ field: 'network', code: 'networkMissing', params: { network }, message: `There is no network "${network}".`, hint: `Create it first: docker network create ${network}` }),
          ),
      );
    }
  }
  await Promise.all(tasks);
  return issues;
}

/** Host ports another container publishes, or (on a local engine) another program holds. */
async function checkPorts(docker: Docker, spec: RunSpec, local: boolean, add: (issue: FieldIssue) => void): Promise<void> {
  const running = await docker.listContainers({ all: false });
  await Promise.all(
    spec.ports.map(async (port, index) => {
      if (port.hostPort === undefined) return;
      const holder = running.find((c) =>
        (c.Ports ?? []).some(
          (p) =>
            p.PublicPort === port.hostPort &&
            p.Type === port.protocol &&
            (!port.hostIp || !p.IP || p.IP === port.hostIp || p.IP === '0.0.0.0' || p.IP === '::' || port.hostIp === '0.0.0.0'),
        ),
      );
      if (holder) {
        const name = containerDisplayName(holder);
        add({
          field: 'ports',
          index,
          code: 'portPublished', params: { port: port.hostPort, protocol: port.protocol, name }, message: `Host port ${port.hostPort}/${port.protocol} is already published by container ${name}.`,
          hint: `Choose another host port, or stop ${name} first.`,
        });
        return;
      }
      if (!local) return;
      const problem = await tryBind(port.hostIp ?? '0.0.0.0', port.hostPort, port.protocol);
      if (problem === 'EADDRINUSE') {
        add({
          field: 'ports',
          index,
          code: 'portInUse', params: { port: port.hostPort, protocol: port.protocol }, message: `Host port ${port.hostPort}/${port.protocol} is in use by another program on this machine.`,
          hint: 'Choose another host port (or leave it empty: the engine then picks a free one).',
        });
      } else if (problem === 'EADDRNOTAVAIL') {
        add({ field: 'ports', index, code: 'portNoAddress', params: { ip: port.hostIp ?? '' }, message: `This machine has no address ${port.hostIp ?? ''}.`, hint: 'Use 127.0.0.1 (this machine only) or leave the IP empty (all addresses).' });
      }
    }),
  );
}

/** Engine refusals that belong to one field of the dialog. */
export function engineIssue(error: unknown, spec: RunSpec): FieldIssue | undefined {
  const e = toLotseError(error);
  const m = e.message;
  const issue = (field: RunField, hint: string): FieldIssue => ({ field, message: m, hint, ...(e.reason ? { code: e.reason } : {}) });
  if (/Conflict\. The container name/i.test(m)) return issue('name', 'Choose another name, or remove or rename the other container.');
  if (/No such image|pull access denied|repository does not exist/i.test(m)) return issue('image', `Pull the image first: docker pull ${spec.image}`);
  if (/port is already allocated|address already in use/i.test(m)) return issue('ports', 'Another container or program holds this host port: choose another one.');
  if (/bind source path does not exist|invalid mount config|not a directory/i.test(m)) return issue('mounts', 'Check the host path and the target.');
  if (/memoryswap|memory-swap/i.test(m)) return issue('memorySwap', 'memory-swap is memory plus swap: at least as large as memory.');
  if (/memory/i.test(m) && /minimum|limit/i.test(m)) return issue('memory', 'Give at least 6m.');
  if (/network .* not found/i.test(m)) return issue('network', 'Create the network first.');
  if (/CPUs|NanoCPUs/i.test(m)) return issue('cpus', 'Choose a value up to the number of CPUs the engine has.');
  if (/unable to find user|no matching entries in passwd/i.test(m)) return issue('user', 'The user does not exist in the image: give a numeric UID[:GID] instead.');
  if (/working directory/i.test(m)) return issue('workdir', 'Give an absolute path.');
  if (/executable file not found|no such file or directory|permission denied/i.test(m) && /exec|starting container process/i.test(m)) {
    return issue(spec.entrypoint !== undefined ? 'entrypoint' : 'command', 'The program does not exist in the image: check its name and path.');
  }
  return undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Binds the host port for a moment: the surest test that nothing else holds it. */
function tryBind(host: string, port: number, protocol: 'tcp' | 'udp'): Promise<string | undefined> {
  return new Promise((resolve) => {
    if (protocol === 'udp') {
      const socket = createSocket(host.includes(':') ? 'udp6' : 'udp4');
      socket.once('error', (e: NodeJS.ErrnoException) => {
        socket.close();
        resolve(e.code);
      });
      socket.bind(port, host, () => socket.close(() => resolve(undefined)));
      return;
    }
    const server = createServer();
    server.once('error', (e: NodeJS.ErrnoException) => resolve(e.code));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(undefined)));
  });
}
