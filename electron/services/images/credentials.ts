import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface Credentials {
  username: string;
  password: string;
}

/** Where Lotse keeps the credentials of `docker login` done in Lotse. */
export interface CredentialStore {
  get(server: string): Credentials | undefined;
  set(server: string, credentials: Credentials): void;
  delete(server: string): boolean;
  servers(): { server: string; username: string }[];
}

/**
 * Keeps credentials in memory for the life of the process, never on disk. The browser bridge has
 * no Electron safeStorage to encrypt with, so this is what it uses: a restart forgets every login.
 * The Electron main process passes an encrypted store instead (see EncryptedCredentialStore).
 */
export class MemoryCredentialStore implements CredentialStore {
  private readonly entries = new Map<string, Credentials>();
  get(server: string): Credentials | undefined {
    return this.entries.get(server);
  }
  set(server: string, credentials: Credentials): void {
    this.entries.set(server, { ...credentials });
  }
  delete(server: string): boolean {
    return this.entries.delete(server);
  }
  servers(): { server: string; username: string }[] {
    return [...this.entries].map(([server, c]) => ({ server, username: c.username }));
  }
}

/** What Electron's safeStorage offers, passed in so this file never imports Electron. */
export interface Cipher {
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/** Persistence for encrypted blobs (a file in the app's user data folder). */
export interface BlobFile {
  read(): Buffer | undefined;
  write(data: Buffer): void;
}

/** Credentials encrypted as a whole with the OS keychain (safeStorage); plain text never touches the disk. */
export class EncryptedCredentialStore implements CredentialStore {
  private readonly memory = new MemoryCredentialStore();
  constructor(
    private readonly cipher: Cipher,
    private readonly file: BlobFile,
  ) {
    const data = file.read();
    if (!data) return;
    try {
      const entries = JSON.parse(cipher.decryptString(data)) as Record<string, Credentials>;
      for (const [server, c] of Object.entries(entries)) this.memory.set(server, c);
    } catch {
      // Unreadable (another OS user, a changed keychain): start empty rather than fail.
    }
  }
  get(server: string): Credentials | undefined {
    return this.memory.get(server);
  }
  set(server: string, credentials: Credentials): void {
    this.memory.set(server, credentials);
    this.save();
  }
  delete(server: string): boolean {
    const removed = this.memory.delete(server);
    if (removed) this.save();
    return removed;
  }
  servers(): { server: string; username: string }[] {
    return this.memory.servers();
  }
  private save(): void {
    const all: Record<string, Credentials> = {};
    for (const { server } of this.memory.servers()) all[server] = this.memory.get(server)!;
    this.file.write(this.cipher.encryptString(JSON.stringify(all)));
  }
}

interface DockerConfig {
  auths?: Record<string, { auth?: string; username?: string; password?: string }>;
  credsStore?: string;
  credHelpers?: Record<string, string>;
}

/** The docker CLI's config folder: $DOCKER_CONFIG or ~/.docker. */
export function defaultDockerConfigDir(): string {
  return process.env.DOCKER_CONFIG ?? join(homedir(), '.docker');
}

/** Reads (never writes) docker's own credentials: config.json auths and credential helpers. */
export class DockerConfigCredentials {
  constructor(private readonly configDir: string) {}

  private config(): DockerConfig {
    try {
      return JSON.parse(readFileSync(join(this.configDir, 'config.json'), 'utf8')) as DockerConfig;
    } catch {
      return {};
    }
  }

  /** Servers with credentials and the source, user names only. */
  servers(): { server: string; username: string; source: 'docker-config' | 'credential-helper' }[] {
    const config = this.config();
    const result: { server: string; username: string; source: 'docker-config' | 'credential-helper' }[] = [];
    for (const [server, entry] of Object.entries(config.auths ?? {})) {
      const decoded = decodeAuth(entry);
      if (decoded) result.push({ server, username: decoded.username, source: 'docker-config' });
      else if (config.credsStore || config.credHelpers?.[server]) result.push({ server, username: '', source: 'credential-helper' });
    }
    for (const server of Object.keys(config.credHelpers ?? {})) {
      if (!result.some((r) => r.server === server)) result.push({ server, username: '', source: 'credential-helper' });
    }
    return result;
  }

  async get(server: string): Promise<Credentials | undefined> {
    const config = this.config();
    const keys = [server, `https://${server}`, `http://${server}`, ...(server === 'docker.io' ? ['https://index.docker.io/v1/'] : [])];
    const helper = keys.map((k) => config.credHelpers?.[k]).find(Boolean) ?? config.credsStore;
    if (helper) {
      const fromHelper = await runHelper(helper, keys[0]!).catch(() => undefined);
      if (fromHelper) return fromHelper;
    }
    for (const key of keys) {
      const decoded = decodeAuth(config.auths?.[key]);
      if (decoded) return decoded;
    }
    return undefined;
  }
}

function decodeAuth(entry: { auth?: string; username?: string; password?: string } | undefined): Credentials | undefined {
  if (!entry) return undefined;
  if (entry.username && entry.password) return { username: entry.username, password: entry.password };
  if (!entry.auth) return undefined;
  const text = Buffer.from(entry.auth, 'base64').toString('utf8');
  const colon = text.indexOf(':');
  return colon > 0 ? { username: text.slice(0, colon), password: text.slice(colon + 1) } : undefined;
}

/** `docker-credential-<name> get` with the server on stdin, as the docker CLI calls it. */
function runHelper(name: string, server: string): Promise<Credentials | undefined> {
  if (!/^[\w.-]+$/.test(name)) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const child = execFile(`docker-credential-${name}`, ['get'], { timeout: 5000 }, (error, stdout) => {
      if (error) return reject(new Error(error.message));
      try {
        const answer = JSON.parse(stdout) as { Username?: string; Secret?: string };
        resolve(answer.Username && answer.Secret ? { username: answer.Username, password: answer.Secret } : undefined);
      } catch (parseError) {
        reject(parseError instanceof Error ? parseError : new Error(String(parseError)));
      }
    });
    child.stdin?.end(server);
  });
}
