import { describe, expect, it } from 'vitest';

import { SECRET_SNIFF_MAX_FILE_BYTES } from '@shared/rules/secrets';

import { readExport } from '../../electron/services/images/layers/export-reader';
import { analyzeLayers } from '../../electron/services/images/layers/model';
import { classicExport, streamOf, tarOf } from './images/export-builder';

// Made-up credentials (AWS's documented example key), never real ones.
const AWS = '[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n';

async function analyse(entries: { name: string; content?: string }[], env: string[] = []) {
  const image = { layers: [await tarOf(entries)], history: [{ created_by: '/bin/sh -c #(nop) COPY dir:0123 in / ' }], env };
  return analyzeLayers(await readExport(streamOf(await classicExport(image))));
}

describe('secrets in the layer explorer (the shared rules)', () => {
  it('finds an AWS credentials file by its content, whatever it is called', async () => {
    const analysis = await analyse([{ name: 'app/' }, { name: 'app/credentials', content: AWS }, { name: 'app/settings.ini', content: '[app]\nport = 8080\n' }]);
    expect(analysis.secrets).toEqual([{ kind: 'credentials', path: '/app/credentials', layer: 0, reason: 'aws-credentials' }]);
    expect(JSON.stringify(analysis)).not.toContain('wJalrXUtnFEMI');
  });

  it('does not flag a .npmrc or .docker/config.json that holds no credential', async () => {
    const analysis = await analyse([
      { name: 'app/' },
      { name: 'app/.npmrc', content: 'registry=https://registry.npmjs.org/\n' },
      { name: 'root/' },
      { name: 'root/.docker/' },
      { name: 'root/.docker/config.json', content: '{"auths":{},"credsStore":"pass"}' },
    ]);
    expect(analysis.secrets).toEqual([]);
  });

  it('reads no further than the first bytes: a large file is judged by its name only', async () => {
    const big = `${AWS}${'x'.repeat(SECRET_SNIFF_MAX_FILE_BYTES)}`;
    const analysis = await analyse([{ name: 'data/' }, { name: 'data/dump.txt', content: big }, { name: 'data/.env', content: big }]);
    expect(analysis.secrets).toEqual([{ kind: 'env-file', path: '/data/.env', layer: 0, reason: 'env-file' }]);
  });

  it('masks ENV secrets by name and by shape, showing first and last characters only', async () => {
    const analysis = await analyse([{ name: 'app/' }], ['PATH=/bin', 'DEPLOY_ID=AKIAIOSFODNN7EXAMPLE', 'DB_PASSWORD=lotse-fake-db-password', 'SHORT_TOKEN=abc']);
    expect(analysis.secrets).toEqual([
      { kind: 'env-var', path: 'DEPLOY_ID', preview: 'AKIA••••••LE', reason: 'secret-value' },
      { kind: 'env-var', path: 'DB_PASSWORD', preview: 'lots••••••rd', reason: 'secret-name' },
      { kind: 'env-var', path: 'SHORT_TOKEN', preview: '••••••', reason: 'secret-name' },
    ]);
    expect(analysis.env).toEqual(['PATH=/bin', 'DEPLOY_ID=AKIA••••••LE', 'DB_PASSWORD=lots••••••rd', 'SHORT_TOKEN=••••••']);
  });
});
