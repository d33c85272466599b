import { describe, expect, it } from 'vitest';

import type { KNetworkPolicy } from '@shared/dto/kube';
import { courseManifests } from '@shared/kube/course';
import { type Endpoint, evaluate, OTHER_NAMESPACES, OUTSIDE, type PolicyWorld, portSetText, talkGraph } from '@shared/kube/netpol';

import { fromYaml, make } from './fixtures';

const policy = (raw: Record<string, unknown>): KNetworkPolicy => make('networkpolicies', raw);
const podAt = (namespace: string, name: string, labels: Record<string, string>, ip?: string, ports = [{ containerPort: 80, protocol: 'TCP', name: 'http' }]): Extract<Endpoint, { kind: 'pod' }> => ({
  kind: 'pod',
  namespace,
  name,
  labels,
  ip,
  ports,
});

const coursePolicies = courseManifests
  .filter((m) => m.file.includes('NetworkPolicy'))
  .flatMap((m) => fromYaml(m.text))
  .map(policy);

describe("the course's default-deny and allow-pod policies", () => {
  const world: PolicyWorld = { policies: coursePolicies, namespaces: new Map<string, Record<string, string>>([['entenhausen', { 'kubernetes.io/metadata.name': 'entenhausen' }], ['default', {}]]) };
  const nginx = podAt('entenhausen', 'nginx-1', { app: 'nginx', 'pod-template-hash': 'abc' });
  const nginx2 = podAt('entenhausen', 'nginx-2', { app: 'nginx', 'pod-template-hash': 'abc' });
  const ubuntu = podAt('entenhausen', 'ubuntu2-1', { app: 'ubuntu2', 'pod-template-hash': 'def' }, undefined, []);
  const ubuntu2 = podAt('entenhausen', 'ubuntu2-2', { app: 'ubuntu2', 'pod-template-hash': 'def' }, undefined, []);
  const elsewhere = podAt('default', 'client', { app: 'ubuntu2' });

  it('reads both policies from the course manifests', () => {
    expect(coursePolicies.map((p) => p.meta.name)).toEqual(['default-deny', 'allow-pod']);
  });

  it('lets ubuntu2 reach nginx on TCP 80, decided by allow-pod', () => {
    const verdict = evaluate(world, ubuntu, nginx, { protocol: 'TCP', port: 80 });
    expect(verdict.allowed).toBe(true);
    expect(verdict.ingress.allowedBy).toEqual({ policy: 'entenhausen/allow-pod', rule: 0 });
    expect(verdict.ingress.selecting.sort()).toEqual(['entenhausen/allow-pod', 'entenhausen/default-deny']);
    expect(verdict.egress.isolated).toBe(false);
  });

  it('denies everything else into the namespace', () => {
    const denied: [Endpoint, Endpoint, number, string?][] = [
      [ubuntu, nginx, 443],
      [ubuntu, nginx, 8080],
      [nginx, ubuntu, 80],
      [nginx2, nginx, 80],
      [ubuntu2, ubuntu, 80],
      [elsewhere, nginx, 80],
      [{ kind: 'external', ip: '203.0.113.9' }, nginx, 80],
      [{ kind: 'external' }, ubuntu, 80],
    ];
    for (const [from, to, port] of denied) {
      const verdict = evaluate(world, from, to, { protocol: 'TCP', port });
      expect(verdict.allowed, `${JSON.stringify(from)} → ${JSON.stringify(to)}:${port}`).toBe(false);
      expect(verdict.ingress.isolated).toBe(true);
    }
    expect(evaluate(world, ubuntu, nginx, { protocol: 'UDP', port: 80 }).allowed).toBe(false);
  });

  it('lets pods of the namespace send anywhere: no policy selects them for egress', () => {
    expect(evaluate(world, nginx, elsewhere, { protocol: 'TCP', port: 80 }).allowed).toBe(true);
  });

  it('draws the graph: one edge, ubuntu2 → nginx with TCP 80, nothing from outside', () => {
    const graph = talkGraph(world, 'entenhausen', [nginx, nginx2, ubuntu, ubuntu2], [elsewhere]);
    expect(graph.groups.map((g) => [g.id, g.pods.length])).toEqual([
      ['entenhausen:app=nginx', 2],
      ['entenhausen:app=ubuntu2', 2],
    ]);
    expect(graph.edges.map((e) => [e.from, e.to, portSetText(e.ports), e.policies])).toEqual([['entenhausen:app=ubuntu2', 'entenhausen:app=nginx', 'TCP 80', ['entenhausen/allow-pod']]]);
    expect(graph.fromOutsideNamespace).toEqual([]);
  });
});

describe("upstream's documented examples (kubernetes.io, Network Policies)", () => {
  // The test-network-policy example from the concept page.
  const example = policy({
    metadata: { name: 'test-network-policy', namespace: 'default' },
    spec: {
      podSelector: { matchLabels: { role: 'db' } },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [
        {
          from: [
            { ipBlock: { cidr: '172.17.0.0/16', except: ['172.17.1.0/24'] } },
            { namespaceSelector: { matchLabels: { project: 'myproject' } } },
            { podSelector: { matchLabels: { role: 'frontend' } } },
          ],
          ports: [{ protocol: 'TCP', port: 6379 }],
        },
      ],
      egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/24' } }], ports: [{ protocol: 'TCP', port: 5978 }] }],
    },
  });
  const world: PolicyWorld = { policies: [example], namespaces: new Map<string, Record<string, string>>([['default', {}], ['myproject-ns', { project: 'myproject' }], ['other', {}]]) };
  const db = podAt('default', 'db', { role: 'db' }, '10.1.0.5');
  const frontend = podAt('default', 'fe', { role: 'frontend' }, '10.1.0.6');

  it('ingress to role=db on 6379 from the three peers, and nothing else', () => {
    expect(evaluate(world, frontend, db, { protocol: 'TCP', port: 6379 }).allowed).toBe(true);
    expect(evaluate(world, podAt('myproject-ns', 'x', {}), db, { protocol: 'TCP', port: 6379 }).allowed).toBe(true);
    expect(evaluate(world, { kind: 'external', ip: '172.17.0.9' }, db, { protocol: 'TCP', port: 6379 }).allowed).toBe(true);
    expect(evaluate(world, { kind: 'external', ip: '172.17.1.9' }, db, { protocol: 'TCP', port: 6379 }).allowed).toBe(false);
    expect(evaluate(world, podAt('other', 'x', { role: 'frontend' }), db, { protocol: 'TCP', port: 6379 }).allowed).toBe(false);
    expect(evaluate(world, frontend, db, { protocol: 'TCP', port: 6380 }).allowed).toBe(false);
  });

  it('egress from role=db only to 10.0.0.0/24 on 5978', () => {
    expect(evaluate(world, db, { kind: 'external', ip: '10.0.0.7' }, { protocol: 'TCP', port: 5978 }).allowed).toBe(true);
    const out = evaluate(world, db, { kind: 'external', ip: '10.0.1.7' }, { protocol: 'TCP', port: 5978 });
    expect(out.allowed).toBe(false);
    expect(out.egress.isolated).toBe(true);
    expect(evaluate(world, db, frontend, { protocol: 'TCP', port: 80 }).allowed).toBe(false);
  });

  it('namespaceSelector and podSelector in one peer mean both; in two peers either', () => {
    const and = policy({
      metadata: { name: 'and', namespace: 'default' },
      spec: { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { user: 'alice' } }, podSelector: { matchLabels: { role: 'client' } } }] }] },
    });
    const or = policy({
      metadata: { name: 'or', namespace: 'default' },
      spec: { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { user: 'alice' } } }, { podSelector: { matchLabels: { role: 'client' } } }] }] },
    });
    const namespaces = new Map<string, Record<string, string>>([['alice', { user: 'alice' }], ['default', {}]]);
    const target = podAt('default', 't', {});
    const aliceOther = podAt('alice', 'x', { role: 'other' });
    const localClient = podAt('default', 'c', { role: 'client' });
    expect(evaluate({ policies: [and], namespaces }, aliceOther, target, { protocol: 'TCP', port: 1 }).allowed).toBe(false);
    expect(evaluate({ policies: [and], namespaces }, localClient, target, { protocol: 'TCP', port: 1 }).allowed).toBe(false);
    expect(evaluate({ policies: [and], namespaces }, podAt('alice', 'y', { role: 'client' }), target, { protocol: 'TCP', port: 1 }).allowed).toBe(true);
    expect(evaluate({ policies: [or], namespaces }, aliceOther, target, { protocol: 'TCP', port: 1 }).allowed).toBe(true);
    expect(evaluate({ policies: [or], namespaces }, localClient, target, { protocol: 'TCP', port: 1 }).allowed).toBe(true);
  });

  it('allow-all ingress (an empty rule) and default-deny egress', () => {
    const allowAll = policy({ metadata: { name: 'allow-all-ingress', namespace: 'default' }, spec: { podSelector: {}, ingress: [{}], policyTypes: ['Ingress'] } });
    const denyEgress = policy({ metadata: { name: 'default-deny-egress', namespace: 'default' }, spec: { podSelector: {}, policyTypes: ['Egress'] } });
    const target = podAt('default', 't', {});
    const world2: PolicyWorld = { policies: [allowAll, denyEgress], namespaces: new Map<string, Record<string, string>>([['default', {}], ['x', {}]]) };
    expect(evaluate(world2, podAt('x', 'a', {}), target, { protocol: 'UDP', port: 53 }).allowed).toBe(true);
    expect(evaluate(world2, target, podAt('x', 'a', {}), { protocol: 'UDP', port: 53 }).allowed).toBe(false);
    const graph = talkGraph(world2, 'default', [target]);
    expect(graph.edges).toEqual([]);
    expect(graph.fromOutsideNamespace.map((e) => [e.from, portSetText(e.ports)])).toEqual([
      [OTHER_NAMESPACES, 'all'],
      [OUTSIDE, 'all'],
    ]);
  });

  it('a port range with endPort, and a named port resolved through the destination', () => {
    const range = policy({
      metadata: { name: 'multi-port-egress', namespace: 'default' },
      spec: { podSelector: { matchLabels: { role: 'db' } }, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/24' } }], ports: [{ protocol: 'TCP', port: 32000, endPort: 32768 }] }] },
    });
    const w: PolicyWorld = { policies: [range], namespaces: new Map() };
    expect(evaluate(w, db, { kind: 'external', ip: '10.0.0.1' }, { protocol: 'TCP', port: 32500 }).allowed).toBe(true);
    expect(evaluate(w, db, { kind: 'external', ip: '10.0.0.1' }, { protocol: 'TCP', port: 32769 }).allowed).toBe(false);
    const named = policy({ metadata: { name: 'named', namespace: 'default' }, spec: { podSelector: {}, ingress: [{ ports: [{ port: 'http' }] }] } });
    const w2: PolicyWorld = { policies: [named], namespaces: new Map() };
    expect(evaluate(w2, frontend, db, { protocol: 'TCP', port: 80 }).allowed).toBe(true);
    expect(evaluate(w2, frontend, db, { protocol: 'TCP', port: 81 }).allowed).toBe(false);
  });
});
