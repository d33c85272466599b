import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { describe, expect, it } from 'vitest';

import { analyze, type DoctorInput, type Rule, RULES } from '@shared/compose/doctor';
import type { ComposeFlavor } from '@shared/compose/types';

type Case = { yaml: string; flavor?: ComposeFlavor } & Partial<Omit<DoctorInput, 'files' | 'flavor'>>;

const svc = (body: string): string => `services:\n  app:\n    image: lotse-lab/busybox:1.0\n${body}`;

/** For each rule: a file that triggers it and a near twin that must not. */
const cases: Record<Rule, { trigger: Case; clean: Case }> = {
  'tab-indent': { trigger: { yaml: 'services:\n\tapp:\n\t\timage: x\n' }, clean: { yaml: 'services:\n  app:\n    image: x\n' } },
  'bad-indent': {
    trigger: { yaml: svc('    ports:\n      - "80"\n   restart: always\n') },
    clean: { yaml: svc('    ports:\n      - "80"\n    restart: always\n') },
  },
  'nested-on-one-line': { trigger: { yaml: 'services:\n  app: image: x\n' }, clean: { yaml: 'services:\n  app:\n    image: x\n' } },
  'yaml-error': { trigger: { yaml: 'services:\n  app:\n    image: "x\n' }, clean: { yaml: 'services:\n  app:\n    image: "x"\n' } },
  'duplicate-key': { trigger: { yaml: svc('    restart: always\n    restart: "no"\n') }, clean: { yaml: svc('    restart: always\n') } },
  'not-a-mapping': { trigger: { yaml: 'services:\n  app: x\n' }, clean: { yaml: 'services:\n  app:\n    image: x\n' } },
  'no-services': { trigger: { yaml: 'volumes:\n  data:\n' }, clean: { yaml: 'services:\n  app:\n    image: x\nvolumes:\n  data:\n' } },
  'keys-as-services': {
    trigger: { yaml: 'services:\n  web:\n  image: x\n  ports:\n    - "80"\n' },
    clean: { yaml: 'services:\n  web:\n    image: x\n    ports:\n      - "80"\n' },
  },
  'unknown-key': { trigger: { yaml: svc('    imgae: y\n') }, clean: { yaml: svc('    x-note: y\n') } },
  'v2-only-key': {
    trigger: { yaml: `name: shop\n${svc('')}`, flavor: 'v1' },
    clean: { yaml: `name: shop\n${svc('')}`, flavor: 'v2' },
  },
  'wrong-type': { trigger: { yaml: svc('    ports: "8080:80"\n') }, clean: { yaml: svc('    ports: ["8080:80"]\n') } },
  'environment-mixed': {
    trigger: { yaml: svc('    environment:\n      - A: b\n') },
    clean: { yaml: svc('    environment:\n      - A=b\n') },
  },
  'volume-in-environment': {
    trigger: { yaml: svc('    environment:\n      - ./data:/var/lib/data\n') },
    clean: { yaml: svc('    environment:\n      - PATH_MAP=./data:/var/lib/data\n') },
  },
  'volume-in-ports': { trigger: { yaml: svc('    ports:\n      - ./www:/srv\n') }, clean: { yaml: svc('    ports:\n      - "8080:80"\n') } },
  'bad-port': { trigger: { yaml: svc('    ports:\n      - "80:http"\n') }, clean: { yaml: svc('    ports:\n      - "127.0.0.1:80:80/udp"\n') } },
  'undeclared-volume': {
    trigger: { yaml: svc('    volumes:\n      - data:/data\n') },
    clean: { yaml: `${svc('    volumes:\n      - data:/data\n      - ./www:/www\n')}volumes:\n  data:\n` },
  },
  'undeclared-network': {
    trigger: { yaml: svc('    networks:\n      - back\n') },
    clean: { yaml: `${svc('    networks:\n      - back\n      - default\n')}networks:\n  back:\n` },
  },
  'unknown-dependency': { trigger: { yaml: svc('    depends_on:\n      - db\n') }, clean: { yaml: `${svc('    depends_on:\n      - db\n')}  db:\n    image: x\n` } },
  'bad-condition': {
    trigger: { yaml: `${svc('    depends_on:\n      db:\n        condition: healthy\n')}  db:\n    image: x\n` },
    clean: { yaml: `${svc('    depends_on:\n      db:\n        condition: service_started\n')}  db:\n    image: x\n` },
  },
  'port-base60': { trigger: { yaml: svc('    ports:\n      - 22:22\n') }, clean: { yaml: svc('    ports:\n      - "22:22"\n      - 8080:80\n') } },
  'yaml11-boolean': {
    trigger: { yaml: svc('    environment:\n      DEBUG: yes\n'), flavor: 'v1' },
    clean: { yaml: svc('    environment:\n      DEBUG: "yes"\n'), flavor: 'v1' },
  },
  'healthy-without-healthcheck': {
    trigger: { yaml: `${svc('    depends_on:\n      db:\n        condition: service_healthy\n')}  db:\n    image: lotse-lab/busybox:1.0\n` },
    clean: {
      yaml: `${svc('    depends_on:\n      db:\n        condition: service_healthy\n')}  db:\n    image: lotse-lab/busybox:1.0\n    healthcheck:\n      test: ["CMD", "true"]\n`,
    },
  },
  'fixed-port-scaled': {
    trigger: { yaml: svc('    ports: ["8080:80"]\n    deploy:\n      replicas: 3\n') },
    clean: { yaml: svc('    ports: ["80"]\n    deploy:\n      replicas: 3\n') },
  },
  'container-name-scaled': {
    trigger: { yaml: svc('    container_name: one\n'), scale: { app: 2 } },
    clean: { yaml: svc('    container_name: one\n'), scale: { app: 1 } },
  },
  'port-taken': {
    trigger: { yaml: svc('    ports: ["8080:80"]\n'), engine: { publishedPorts: [{ port: 8080, protocol: 'tcp', container: 'other', project: 'elsewhere' }] } },
    clean: { yaml: svc('    ports: ["8080:80"]\n'), projectName: 'mine', engine: { publishedPorts: [{ port: 8080, protocol: 'tcp', container: 'mine-app-1', project: 'mine' }] } },
  },
  'unset-variable': { trigger: { yaml: svc('    environment:\n      A: ${NOPE}\n') }, clean: { yaml: svc('    environment:\n      A: ${NOPE:-fallback}\n') } },
  'required-variable': { trigger: { yaml: svc('    environment:\n      A: ${NOPE:?set it}\n') }, clean: { yaml: svc('    environment:\n      A: ${HOME:?set it}\n'), shell: { HOME: '/root' } } },
  'invalid-interpolation': {
    trigger: { yaml: svc('    environment:\n      A: ${HOME:+x}\n'), flavor: 'v1', shell: { HOME: '/root' } },
    clean: { yaml: svc('    environment:\n      A: ${HOME:+x}\n'), flavor: 'v2', shell: { HOME: '/root' } },
  },
  'env-file-misplaced': {
    trigger: { yaml: svc('    ports: ["${PORT}:80"]\n'), strayEnvFiles: [{ path: '/p/other/.env', text: 'PORT=90\n' }] },
    clean: { yaml: svc('    ports: ["${PORT}:80"]\n'), envFile: { path: '/p/.env', text: 'PORT=90\n' }, strayEnvFiles: [{ path: '/p/other/.env', text: 'PORT=90\n' }] },
  },
  'literal-variable-name': {
    trigger: { yaml: svc('    environment:\n      DB_USER: DB_USER\n'), envFile: { path: '/p/.env', text: 'DB_USER=me\n' } },
    clean: { yaml: svc('    environment:\n      DB_USER: ${DB_USER}\n'), envFile: { path: '/p/.env', text: 'DB_USER=me\n' } },
  },
  'image-unavailable': {
    trigger: { yaml: 'services:\n  app:\n    image: nginx\n', engine: { images: { 'lotse-lab/busybox:1.0': { healthcheck: false } } } },
    clean: { yaml: 'services:\n  app:\n    image: nginx\n    build: .\n', engine: { images: {} } },
  },
  'bind-source-missing': {
    trigger: { yaml: svc('    volumes:\n      - ./html:/usr/share/nginx/html\n'), hostPaths: { './html': 'missing' } },
    clean: { yaml: svc('    volumes:\n      - ./html:/usr/share/nginx/html\n'), hostPaths: { './html': 'dir' } },
  },
  'obsolete-version': { trigger: { yaml: `version: "3.8"\n${svc('')}` }, clean: { yaml: svc('') } },
};

function rulesFound(c: Case): string[] {
  const { yaml, flavor = 'v2', ...rest } = c;
  return analyze({ files: [{ path: '/p/compose.yaml', text: yaml }], flavor, ...rest }).findings.map((f) => f.rule);
}

describe('every doctor rule', () => {
  it.each(Object.keys(RULES) as Rule[])('%s: fires on its fixture and not on the corrected twin', (rule) => {
    const { trigger, clean } = cases[rule];
    expect(rulesFound(trigger)).toContain(rule);
    expect(rulesFound(clean)).toEqual([]);
  });

  it('has a title, a reason and a fix in German and English', () => {
    for (const language of ['de', 'en']) {
      const texts = JSON.parse(readFileSync(resolve(import.meta.dirname, `../../../renderer/i18n/locales/${language}/compose.json`), 'utf8')) as {
        doctor: Record<string, Record<string, string>>;
      };
      for (const rule of Object.keys(RULES)) {
        expect(Object.keys(texts.doctor[rule] ?? {}).sort(), `${language} ${rule}`).toEqual(['fix', 'title', 'why']);
      }
    }
  });
});

describe('severity follows the installed Compose', () => {
  it('a duplicate key: v2 refuses the file, v1 keeps the last value', () => {
    const yaml = svc('    restart: always\n    restart: "no"\n');
    const severity = (flavor: ComposeFlavor) => analyze({ files: [{ path: 'c.yml', text: yaml }], flavor }).findings[0]?.severity;
    expect(severity('v2')).toBe('error');
    expect(severity('v1')).toBe('warning');
  });

  it('an unquoted base-60 port: a wrong port under v1, only a hint under v2', () => {
    const yaml = svc('    ports:\n      - 22:22\n');
    const found = (flavor: ComposeFlavor) => analyze({ files: [{ path: 'c.yml', text: yaml }], flavor }).findings[0];
    expect(found('v1')).toMatchObject({ severity: 'warning', params: { text: '22:22', value: 1342 } });
    expect(found('v2')?.severity).toBe('hint');
  });
});

describe('positions', () => {
  it('a schema error points at the value that is wrong', () => {
    const yaml = 'services:\n  app:\n    image: x\n    ports: 8080\n    command: ["a", "b"]\n';
    const [finding] = analyze({ files: [{ path: '/p/compose.yaml', text: yaml }], flavor: 'v2' }).findings;
    expect(finding).toMatchObject({ rule: 'wrong-type', at: { file: '/p/compose.yaml', line: 4, column: 12 }, params: { key: 'ports', shape: 'list' } });
  });

  it('an unknown key points at the key, with the closest known key', () => {
    const [finding] = analyze({ files: [{ path: 'c.yml', text: 'services:\n  app:\n    imgae: x\n' }], flavor: 'v2' }).findings;
    expect(finding).toMatchObject({ rule: 'unknown-key', at: { line: 3, column: 5 }, params: { key: 'imgae', suggestion: 'image' } });
  });

  it('a variable reference points into the line where it is written', () => {
    const [finding] = analyze({ files: [{ path: 'c.yml', text: svc('    ports: ["${PORT}:80"]\n') }], flavor: 'v2' }).findings;
    expect(finding).toMatchObject({ rule: 'unset-variable', at: { line: 4, column: 14, endColumn: 21 } });
  });

  it('merge keys are followed, and values from anchors are checked', () => {
    const yaml = 'x-base: &base\n  image: x\n  volumes:\n    - data:/data\nservices:\n  app:\n    <<: *base\n';
    expect(rulesFound({ yaml })).toEqual(['undeclared-volume']);
  });
});

describe('variables and where their values come from', () => {
  it('the shell wins over .env, a default fills an unset one, and each use is listed', () => {
    const { variables } = analyze({
      files: [{ path: 'c.yml', text: svc('    environment:\n      A: ${FROM_SHELL}\n      B: ${FROM_ENV}\n      C: ${NOWHERE:-d}\n      D: ${FROM_ENV}\n') }],
      flavor: 'v2',
      shell: { FROM_SHELL: 'shell' },
      envFile: { path: '/p/.env', text: 'FROM_SHELL=file\nFROM_ENV=file\n' },
    });
    expect(variables.map((v) => ({ name: v.name, source: v.source, value: v.value, shadowed: v.shadowed, uses: v.usedAt.length }))).toEqual([
      { name: 'FROM_ENV', source: 'env-file', value: 'file', shadowed: undefined, uses: 2 },
      { name: 'FROM_SHELL', source: 'shell', value: 'shell', shadowed: 'file', uses: 1 },
      { name: 'NOWHERE', source: 'default', value: 'd', shadowed: undefined, uses: 1 },
    ]);
  });
});

describe('the model the graph draws', () => {
  it('has services with ports, mounts, networks, dependencies and scale, merged over -f files', () => {
    const base = 'services:\n  web:\n    image: w\n    ports: ["8080:80"]\n    depends_on:\n      db:\n        condition: service_healthy\n  db:\n    image: d\n    healthcheck:\n      test: ["CMD", "true"]\n    volumes: ["data:/var/lib/db"]\nvolumes:\n  data:\n';
    const override = 'services:\n  web:\n    deploy:\n      replicas: 2\n    ports: ["9090:90"]\n';
    const { model, findings } = analyze({ files: [{ path: 'a.yml', text: base }, { path: 'b.yml', text: override }], flavor: 'v2' });
    expect(findings.map((f) => f.rule)).toEqual(['fixed-port-scaled']);
    const web = model.services.find((s) => s.name === 'web');
    expect(web).toMatchObject({ replicas: 2, networks: ['default'], dependsOn: [{ service: 'db', condition: 'service_healthy' }] });
    expect(web?.ports.map((p) => p.published)).toEqual(['8080', '9090']);
    expect(model.services.find((s) => s.name === 'db')).toMatchObject({ healthcheck: true, mounts: [{ kind: 'volume', source: 'data', target: '/var/lib/db' }] });
    expect(model.volumes).toEqual([expect.objectContaining({ name: 'data', external: false })]);
  });
});
