import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

import { ConceptDiagram, diagrams } from '../../../renderer/learn/diagrams/ConceptDiagram';

const draw = (id: string, language: 'de' | 'en', context?: Parameters<typeof ConceptDiagram>[0]['context']): string =>
  renderToStaticMarkup(createElement(ConceptDiagram, { id, language, context }));

describe('concept diagrams', () => {
  it('draws every diagram in German and English, each titled in its language', () => {
    expect(Object.keys(diagrams).sort()).toEqual(
      [
        'layer-stack',
        'container-vs-vm',
        'engine-stack',
        'network-topology',
        'volume-kinds',
        'compose-project',
        'swarm-cluster',
        'routing-mesh',
        'rolling-update',
        'k8s-control-plane',
        'k8s-workload',
        'network-policy',
      ].sort(),
    );
    for (const id of Object.keys(diagrams)) {
      const de = draw(id, 'de');
      const en = draw(id, 'en');
      expect(de, id).toMatch(/^<svg[^>]*role="img"/);
      expect(de, id).not.toBe(en);
      expect(/aria-label="([^"]+)"/.exec(de)?.[1], id).not.toBe(/aria-label="([^"]+)"/.exec(en)?.[1]);
    }
  });

  it("draws an image's own layer stack when the images area passes it", () => {
    const svg = draw('layer-stack', 'en', {
      name: 'lotse-lab/httpd:1.0',
      layers: [
        { label: 'COPY file:73e2 in /bin/busybox', sizeBytes: 1_980_000 },
        { label: '/bin/busybox --install -s /bin', sizeBytes: 3220 },
        { label: 'COPY file:3d01 in /www/', sizeBytes: 201 },
      ],
      writableBytes: 0,
    });
    expect(svg).toContain('lotse-lab/httpd:1.0');
    expect(svg).toContain('COPY file:3d01 in /www/');
    // Numbered as the layer explorer numbers them, sizes in the UI language.
    expect(svg).toContain('Layer 1 · 1.98 MB');
    expect(svg).toContain('Layer 3 · 201 B');
    // Lowest layer drawn last (at the bottom).
    expect(svg.indexOf('/www/')).toBeLessThan(svg.indexOf('/bin/busybox'));
  });

  it('shortens a long layer label at a word boundary, keeps the whole instruction on hover, and writes German sizes', () => {
    const long = 'RUN head -c 8388608 /dev/urandom > /data/big.bin';
    const svg = draw('layer-stack', 'de', { name: 'lotse-lab/bigfile:1.0', layers: [{ label: long, sizeBytes: 8_390_000 }] });
    expect(svg).toContain(`<title>${long.replace('>', '&gt;')}</title>`);
    expect(svg).toContain('RUN head -c 8388608 /dev/urandom &gt;…');
    expect(svg).toContain('Layer 1 · 8,39 MB');
  });

  it("draws a network's own driver and containers", () => {
    const svg = draw('network-topology', 'de', { name: 'mynetwork', driver: 'bridge', containers: ['web1', 'web2'] });
    expect(svg).toContain('mynetwork');
    expect(svg).toContain('web1');
    expect(svg).toContain('Treiber: bridge');
  });
});
