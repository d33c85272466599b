import { describe, expect, it } from 'vitest';

import { isIgnored, parseDockerignore } from '../../../electron/services/images/build';
import { chainIds, familyOf } from '../../../electron/services/images/family';
import { buildHistoryRows, parseCreatedBy, reconstructDockerfile } from '../../../electron/services/images/history';
import { phaseOf } from '../../../electron/services/images/transfer';
import { layerNumbers } from '../../../renderer/views/images/layer-numbers';
import { imageRows } from '../../../renderer/views/images/listing';

describe('readable history instructions', () => {
  it.each([
    ['/bin/sh -c #(nop)  CMD ["sh"]', '', 'CMD', 'CMD ["sh"]'],
    ['/bin/sh -c echo "app built" > /app/built.txt', '', 'RUN', 'RUN echo "app built" > /app/built.txt'],
    ['/bin/sh -c #(nop) COPY file:238b46e4d96ca2254ebf87002bf2c9b2207ce43e872d560881815e11a8b3b6ae in /app/id_rsa ', '', 'COPY', 'COPY file:238b46e4d96c /app/id_rsa'],
    ['/bin/busybox --install -s /bin', '', 'RUN', 'RUN /bin/busybox --install -s /bin'],
    ['RUN |2 A=1 B=2 /bin/sh -c make build # buildkit', 'buildkit.dockerfile.v0', 'RUN', 'RUN make build'],
    ['COPY . /app # buildkit', 'buildkit.dockerfile.v0', 'COPY', 'COPY . /app'],
    ['EXPOSE map[80/tcp:{} 443/tcp:{}]', 'buildkit.dockerfile.v0', 'EXPOSE', 'EXPOSE 80/tcp 443/tcp'],
    ['WORKDIR /app', 'buildkit.dockerfile.v0', 'WORKDIR', 'WORKDIR /app'],
  ])('%s', (createdBy, comment, kind, instruction) => {
    expect(parseCreatedBy(createdBy, comment)).toMatchObject({ kind, instruction });
  });

  it('maps filesystem rows to diff IDs in build order and rebuilds the Dockerfile from the tagged base', () => {
    const entries = [
      { Id: 'sha256:c', Created: 3, CreatedBy: '/bin/sh -c #(nop)  CMD ["sh"]', Tags: ['app:1'], Size: 0, Comment: '' },
      { Id: 'sha256:b', Created: 2, CreatedBy: '/bin/sh -c rm /x', Tags: null, Size: 0, Comment: '' },
      { Id: 'sha256:a', Created: 1, CreatedBy: '/bin/sh -c #(nop) ADD file:0123456789abcdef in / ', Tags: ['base:1'], Size: 100, Comment: '' },
    ];
    const rows = buildHistoryRows(entries, ['sha256:d1', 'sha256:d2']);
    expect(rows.map((r) => [r.index, r.kind, r.filesystem, r.diffId])).toEqual([
      [0, 'ADD', true, 'sha256:d1'],
      [1, 'RUN', true, 'sha256:d2'],
      [2, 'CMD', false, undefined],
    ]);
    expect(rows[0]!.created).toBe(1000);
    expect(reconstructDockerfile(rows)).toBe('FROM base:1\nRUN rm /x\nCMD ["sh"]\n');
  });

  it('numbers the layers as the analysis does (diff ID position + 1) and leaves metadata steps without a number', () => {
    const entries = [
      { Id: 'sha256:e', Created: 5, CreatedBy: '/bin/sh -c #(nop)  CMD ["sh"]', Tags: ['app:1'], Size: 0, Comment: '' },
      { Id: 'sha256:d', Created: 4, CreatedBy: '/bin/sh -c echo hi > /hi', Tags: null, Size: 3, Comment: '' },
      { Id: 'sha256:c', Created: 3, CreatedBy: '/bin/sh -c #(nop)  ENV A=1', Tags: null, Size: 0, Comment: '' },
      { Id: 'sha256:b', Created: 2, CreatedBy: '/bin/sh -c #(nop)  LABEL x=y', Tags: null, Size: 0, Comment: '' },
      { Id: 'sha256:a', Created: 1, CreatedBy: '/bin/sh -c #(nop) ADD file:0123456789abcdef in / ', Tags: ['base:1'], Size: 100, Comment: '' },
    ];
    const diffIds = ['sha256:d1', 'sha256:d2'];
    const rows = buildHistoryRows(entries, diffIds);
    const numbers = layerNumbers(rows);
    expect([...numbers]).toEqual([
      [0, 1],
      [3, 2],
    ]);
    for (const row of rows.filter((r) => r.filesystem)) expect(numbers.get(row.index)).toBe(diffIds.indexOf(row.diffId!) + 1);
  });
});

describe('family tree by chain IDs', () => {
  it('puts each image under the closest image whose layers are its prefix', () => {
    const img = (id: string, diffIds: string[], created: number) => ({ id, tags: [id], created, sizeBytes: diffIds.length * 10, diffIds });
    const nodes = familyOf('D', [
      img('A', ['l1'], 1),
      img('B', ['l1', 'l2'], 2),
      img('C', ['l1', 'l3'], 3),
      img('D', ['l1', 'l2', 'l4'], 4),
      img('E', ['l1', 'l2', 'l5'], 5),
      img('X', ['other'], 6),
    ]);
    expect(Object.fromEntries(nodes.map((n) => [n.id, n.parentId ?? null]))).toEqual({ A: null, B: 'A', C: 'A', D: 'B', E: 'B' });
    expect(nodes.find((n) => n.id === 'D')).toMatchObject({ sharedBytes: 20, ownBytes: 10 });
    expect(chainIds(['l1', 'l2'])[0]).toBe('l1');
  });
});

describe('.dockerignore', () => {
  it('excludes like the docker CLI, with exceptions and **', () => {
    const rules = parseDockerignore('# comment\nnode_modules\n**/*.log\n/secret.txt\n*.md\n!README.md\n');
    expect(isIgnored('node_modules', rules)).toBe(true);
    expect(isIgnored('node_modules/x/y.js', rules)).toBe(true);
    expect(isIgnored('a/b/c.log', rules)).toBe(true);
    expect(isIgnored('secret.txt', rules)).toBe(true);
    expect(isIgnored('NOTES.md', rules)).toBe(true);
    expect(isIgnored('README.md', rules)).toBe(false);
    expect(isIgnored('src/index.js', rules)).toBe(false);
  });

  it('knows character classes, and an exception after them', () => {
    const rules = parseDockerignore('[ab]*.txt\n!b2.txt\n');
    expect(isIgnored('a1.txt', rules)).toBe(true);
    expect(isIgnored('b.txt', rules)).toBe(true);
    expect(isIgnored('b2.txt', rules)).toBe(false);
    expect(isIgnored('c.txt', rules)).toBe(false);
    expect(isIgnored('A1.txt', rules)).toBe(false);
    expect(isIgnored('sub/a1.txt', rules)).toBe(false);
    expect(rules.exceptions).toBe(true);
    expect(parseDockerignore('*.md\n').exceptions).toBe(false);
  });
});

describe('pull progress and the image list', () => {
  it('maps engine status words to phases', () => {
    expect(phaseOf('Downloading')).toBe('downloading');
    expect(phaseOf('Already exists')).toBe('exists');
    expect(phaseOf('Layer already exists')).toBe('exists');
    expect(phaseOf('Pull complete')).toBe('done');
    expect(phaseOf('Extracting')).toBe('extracting');
  });

  it('lists one row per tag, marks dangling images, filters and sorts', () => {
    const image = (id: string, tags: string[], containers: number, sizeBytes: number) => ({ id, tags, digests: [], created: sizeBytes, sizeBytes, sharedBytes: 0, containers, labels: {} });
    const all = [image('sha256:1', ['a:1', 'a:2'], 0, 10), image('sha256:2', [], 1, 30), image('sha256:3', ['b:1'], 2, 20)];
    expect(imageRows(all, { search: '', filter: 'all', sort: 'name' }).map((r) => r.name)).toEqual(['<none>:<none>', 'a:1', 'a:2', 'b:1']);
    expect(imageRows(all, { search: '', filter: 'dangling', sort: 'name' }).map((r) => r.image.id)).toEqual(['sha256:2']);
    expect(imageRows(all, { search: '', filter: 'in-use', sort: 'size' }).map((r) => r.name)).toEqual(['<none>:<none>', 'b:1']);
    expect(imageRows(all, { search: 'a:', filter: 'all', sort: 'created' }).map((r) => r.name)).toEqual(['a:1', 'a:2']);
  });
});
