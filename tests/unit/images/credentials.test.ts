import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { type BlobFile, type Cipher, DockerConfigCredentials, EncryptedCredentialStore } from '../../../electron/services/images/credentials';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A stand-in for safeStorage: reversible, and visibly not plain text. */
const cipher: Cipher = {
  encryptString: (plain) => Buffer.from(Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a)),
  decryptString: (data) => Buffer.from(data.map((b) => b ^ 0x5a)).toString('utf8'),
};

describe('credential stores', () => {
  it('keeps Lotse logins encrypted on disk and reads them back', () => {
    let stored: Buffer | undefined;
    const file: BlobFile = { read: () => stored, write: (data) => (stored = data) };
    const store = new EncryptedCredentialStore(cipher, file);
    store.set('127.0.0.1:5001', { username: 'lotse', password: 'lotse-pass' });
    expect(stored?.toString('utf8')).not.toContain('lotse-pass');
    const again = new EncryptedCredentialStore(cipher, file);
    expect(again.get('127.0.0.1:5001')).toEqual({ username: 'lotse', password: 'lotse-pass' });
    expect(again.servers()).toEqual([{ server: '127.0.0.1:5001', username: 'lotse' }]);
    expect(again.delete('127.0.0.1:5001')).toBe(true);
    expect(new EncryptedCredentialStore(cipher, file).servers()).toEqual([]);
  });

  it("reads docker's config.json auths from the folder it is given, user names only in the list", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lotse-docker-config-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ auths: { 'registry.example:5000': { auth: Buffer.from('me:secret').toString('base64') } } }));
    const config = new DockerConfigCredentials(dir);
    expect(config.servers()).toEqual([{ server: 'registry.example:5000', username: 'me', source: 'docker-config' }]);
    expect(await config.get('registry.example:5000')).toEqual({ username: 'me', password: 'secret' });
    expect(await config.get('other.example')).toBeUndefined();
  });
});
