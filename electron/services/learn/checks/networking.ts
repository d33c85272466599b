import type Docker from 'dockerode';

import { containerDisplayName } from '@shared/rules/containers';

import { type CheckFn, type ContainerInfo, fail, learnerContainers, pass } from './common';

/** Name resolution on a user-defined bridge: exercise 4. */
export const networkingChecks: Record<string, Record<string, CheckFn>> = {
  'bridge-network': {
    'user-bridge-has-both-containers': async ({ docker }) => {
      const found = await userBridgeWithTwo(docker);
      return found
        ? pass('bridge-has-two', { network: found.network, containers: found.members.map(containerDisplayName).join(', ') })
        : fail('no-bridge-with-two');
    },
    'name-resolution-between-containers': async (ctx) => {
      const found = await userBridgeWithTwo(ctx.docker);
      if (!found) return fail('no-bridge-with-two');
      const [a, b] = found.members as [ContainerInfo, ContainerInfo];
      const result = await ctx.probe.run({
        networkMode: `container:${a.Id}`,
        env: { N: containerDisplayName(b) },
        script: 'nslookup "$N" >/dev/null 2>&1 && ping -c 1 -W 2 "$N" >/dev/null 2>&1',
      });
      const facts = { from: containerDisplayName(a), to: containerDisplayName(b), network: found.network };
      return result.exitCode === 0 ? pass('name-resolves', facts) : fail('name-does-not-resolve', facts);
    },
  },
};

/** A user-defined bridge network with at least two of the learner's running containers on it. */
async function userBridgeWithTwo(docker: Docker): Promise<{ network: string; members: ContainerInfo[] } | undefined> {
  const networks = await docker.listNetworks({ filters: { driver: ['bridge'] } });
  const running = await learnerContainers(docker);
  for (const network of networks) {
    if (network.Name === 'bridge' || network.Options?.['com.docker.network.bridge.default_bridge'] === 'true') continue;
    const members = running.filter((c) => Object.values(c.NetworkSettings.Networks).some((n) => n.NetworkID === network.Id));
    if (members.length >= 2) return { network: network.Name, members };
  }
  return undefined;
}
