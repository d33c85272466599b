import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { CreateNetwork } from '@shared/dto/networks';

import { resolveEndpoints, systemResolveInput } from '../../../electron/services/docker/endpoints';
import { EngineService } from '../../../electron/services/docker/engine';
import { NetworkService } from '../../../electron/services/networks/networks';
import { docker, labEnv, removeLabelled, testLabel } from '../../support/lab';

const lab = labEnv();
const label = testLabel();
const labels = { [label.key]: label.value };
const name = (what: string): string => `lotse-test-net-${what}-${label.value}`;
let engine: EngineService;
let networks: NetworkService;

beforeAll(async () => {
  engine = new EngineService({ resolve: () => resolveEndpoints(systemResolveInput()) });
  engine.start();
  await engine.reconnect();
  networks = new NetworkService(engine);
});

afterAll(async () => {
  engine.stop();
  await removeLabelled(label.filter).catch(() => undefined);
});

const hostInterface = (): string =>
  networks.interfaces().find((i) => !i.internal && i.addresses.some((a) => /^\d+\.\d+\.\d+\.\d+\//.test(a)) && !i.name.startsWith('docker') && !i.name.startsWith('br-') && !i.name.startsWith('veth'))?.name ?? 'eth0';

describe('networks against the lab engine', () => {
  it('creates a bridge with subnet, gateway, ip-range, internal and attachable, and inspects it', async () => {
    const { id } = await networks.create(
      CreateNetwork.parse({
        name: name('bridge'),
        subnet: '10.231.1.0/24',
        gateway: '10.231.1.1',
        ipRange: '10.231.1.128/25',
        internal: true,
        attachable: true,
        labels,
      }),
    );
    const detail = await networks.inspect(id);
    expect(detail).toMatchObject({ name: name('bridge'), driver: 'bridge', internal: true, attachable: true, predefined: false });
    expect(detail.subnets).toEqual([{ subnet: '10.231.1.0/24', gateway: '10.231.1.1', ipRange: '10.231.1.128/25' }]);
    expect((await networks.list()).find((n) => n.id === id)?.labels[label.key]).toBe(label.value);
  });

  it.each(['macvlan', 'ipvlan'] as const)('creates a %s network on a host interface', async (driver) => {
    const parent = hostInterface();
    const third = driver === 'macvlan' ? 2 : 3;
    const { id } = await networks.create(
      CreateNetwork.parse({ name: name(driver), driver, parent, subnet: `10.231.${third}.0/24`, gateway: `10.231.${third}.1`, labels }),
    );
    const detail = await networks.inspect(id);
    expect(detail.driver).toBe(driver);
    expect(detail.options.parent).toBe(parent);
  });

  it('refuses what cannot work, with words instead of engine errors, before the engine sees it', async () => {
    await expect(networks.create(CreateNetwork.parse({ name: name('host'), driver: 'host', labels }))).rejects.toMatchObject({
      code: 'INVALID_PARAMS',
      message: expect.stringContaining('exactly one host') as string,
    });
    await expect(networks.create(CreateNetwork.parse({ name: name('overlay'), driver: 'overlay', labels }))).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('Swarm') as string,
    });
    await expect(networks.create(CreateNetwork.parse({ name: name('bad'), subnet: '10.231.300.0/24', labels }))).rejects.toMatchObject({
      code: 'INVALID_PARAMS',
      message: expect.stringContaining('CIDR') as string,
    });
    await expect(networks.create(CreateNetwork.parse({ name: name('overlap'), subnet: '10.231.1.64/26', labels }))).rejects.toMatchObject({
      message: expect.stringContaining(name('bridge')) as string,
    });
    await expect(
      networks.create(CreateNetwork.parse({ name: name('gw'), subnet: '10.231.9.0/24', gateway: '10.231.8.1', labels })),
    ).rejects.toMatchObject({ message: expect.stringContaining('outside the subnet') as string });
    await expect(networks.create(CreateNetwork.parse({ name: name('bridge'), labels }))).rejects.toMatchObject({ code: 'CONFLICT' });
    const left = await docker(['network', 'ls', '-q', '--filter', label.filter]);
    expect(left.split('\n').filter(Boolean)).toHaveLength(3);
  });

  it('creates a network on an IPv6 subnet and checks IPv6 subnets before the engine sees them', async () => {
    const { id } = await networks.create(CreateNetwork.parse({ name: name('v6'), subnet: 'fd00:231:6::/64', gateway: 'fd00:231:6::1', labels }));
    expect((await networks.inspect(id)).subnets).toContainEqual({ subnet: 'fd00:231:6::/64', gateway: 'fd00:231:6::1' });
    await expect(networks.create(CreateNetwork.parse({ name: name('v6-overlap'), subnet: 'fd00:231::/32', labels }))).rejects.toMatchObject({
      code: 'INVALID_PARAMS',
      message: expect.stringContaining(name('v6')) as string,
    });
  });

  it('connects a container with an alias and a fixed IP, shows it in inspect, disconnects it, and explains endpoints on remove', async () => {
    const { id } = await networks.create(CreateNetwork.parse({ name: name('app'), subnet: '10.231.4.0/24', labels }));
    const container = await docker(['run', '-d', '--label', label.flag, '--name', name('c1'), lab.LOTSE_LAB_IMAGE_BUSYBOX!, 'sleep', '300']);
    await networks.connect({ network: id, container, aliases: ['db'], ipv4: '10.231.4.20' });
    const detail = await networks.inspect(id);
    const endpoint = detail.attached.find((a) => a.containerId === container);
    expect(endpoint).toMatchObject({ ipv4: '10.231.4.20', aliases: ['db'] });
    expect(endpoint?.mac).toMatch(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
    // The alias resolves from a second container in the same network.
    const lookup = await docker(['run', '--rm', '--label', label.flag, '--network', name('app'), lab.LOTSE_LAB_IMAGE_BUSYBOX!, 'nslookup', 'db']);
    expect(lookup).toContain('10.231.4.20');
    await expect(networks.remove(id)).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining(name('c1')) as string });
    await expect(networks.connect({ network: id, container, aliases: [], ipv4: '10.231.5.9' })).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
    await networks.disconnect(id, container, false);
    expect((await networks.inspect(id)).attached).toEqual([]);
    await networks.remove(id);
    await expect(networks.inspect(id)).rejects.toBeTruthy();
    await expect(networks.remove('bridge')).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('shows containers with their published ports in the topology', async () => {
    await docker(['run', '-d', '--label', label.flag, '--name', name('web'), '-p', '127.0.0.1:18201:80', lab.LOTSE_LAB_IMAGE_HTTPD!]);
    const topology = await networks.topology();
    const web = topology.containers.find((c) => c.name === name('web'));
    expect(web?.ports).toContainEqual({ hostIp: '127.0.0.1', hostPort: 18201, containerPort: 80, protocol: 'tcp' });
    const bridge = topology.networks.find((n) => n.name === 'bridge');
    expect(web?.networks[bridge!.id]).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
  });
});

describe('the DNS demonstration (real lookups in real containers)', () => {
  it('resolves a container by name on a user-defined bridge', async () => {
    const result = await networks.dnsDemo('user-defined');
    expect(result.resolved).toBe(true);
    expect(result.address).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(result.commands.some((c) => c.includes('nslookup'))).toBe(true);
  });

  it('does not resolve it on the default bridge', async () => {
    const result = await networks.dnsDemo('default-bridge');
    expect(result.resolved).toBe(false);
    expect(result.network).toBe('bridge');
  });

  it('leaves no helper behind', async () => {
    expect(await docker(['ps', '-aq', '--filter', 'label=lotse.helper=dns-demo'])).toBe('');
    expect(await docker(['network', 'ls', '-q', '--filter', 'label=lotse.helper=dns-demo'])).toBe('');
  });
});
