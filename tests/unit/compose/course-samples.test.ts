import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { describe, expect, it } from 'vitest';

import { analyze } from '@shared/compose/doctor';
import type { ComposeFlavor } from '@shared/compose/types';

/**
 * Every Compose sample of the course's Docker Compose chapter (copied verbatim into
 * tests/fixtures/compose/course/<sample>/docker-compose.yml, with the .env beside the one that has
 * one): the doctor finds each mistake it contains, at its line, and nothing else.
 */
const root = resolve(import.meta.dirname, '../../fixtures/compose/course');

function doctor(sample: string, flavor: ComposeFlavor) {
  const dir = join(root, sample);
  const envPath = join(dir, '.env');
  const result = analyze({
    files: [{ path: join(dir, 'docker-compose.yml'), text: readFileSync(join(dir, 'docker-compose.yml'), 'utf8') }],
    flavor,
    ...(existsSync(envPath) ? { envFile: { path: envPath, text: readFileSync(envPath, 'utf8') } } : {}),
  });
  return result.findings.map((f) => `${String(f.at.line)}:${String(f.at.column)} ${f.severity} ${f.rule}`);
}

describe.each(['v2', 'v1'] as const)('the course samples read by Compose %s', (flavor) => {
  it('web server: image, ports and volumes stand at the level of the service name', () => {
    expect(doctor('web', flavor)).toEqual(['3:5 error keys-as-services']);
  });

  it('networks: depends_on is indented one space too little, and db has no health check to wait for', () => {
    expect(doctor('networks', flavor)).toEqual([
      '13:4 error bad-indent',
      '15:20 error healthy-without-healthcheck',
      // depends_on.restart came with Compose v2.17; v1 refuses it.
      ...(flavor === 'v1' ? ['16:9 error v2-only-key'] : []),
    ]);
  });

  it('environment variables: the values name the .env variables instead of inserting them', () => {
    expect(doctor('env', flavor)).toEqual([
      '5:16 warning literal-variable-name',
      '6:16 warning literal-variable-name',
      '7:20 warning literal-variable-name',
      '8:25 warning literal-variable-name',
      '16:9 warning literal-variable-name',
      '17:9 warning literal-variable-name',
      '18:9 warning literal-variable-name',
    ]);
  });

  it('scaling: environment mixes map and list lines, and one network line is indented one space too little', () => {
    expect(doctor('scaling', flavor)).toEqual(['5:7 error environment-mixed', '27:7 error bad-indent']);
  });

  it('scaling with replicas: a volume line slipped under environment', () => {
    expect(doctor('replicas', flavor)).toEqual(['8:9 warning volume-in-environment']);
  });
});

describe('what Compose v1 itself says about the samples', () => {
  // docker-compose 1.29.2 `config` on each sample (recorded on the lab machine): the refusals agree.
  it.each([
    ['web', "services 'image' must be a mapping not a string"],
    ['networks', 'line 13, column 4'],
    ['scaling', 'line 27, column 7'],
  ])('%s: v1 refuses it (%s), the doctor has an error there', (sample) => {
    expect(doctor(sample, 'v1').some((f) => f.includes(' error '))).toBe(true);
  });
});
