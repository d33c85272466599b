import type { Readable } from 'node:stream';

import type Docker from 'dockerode';

import type { RegistryAccount } from '@shared/api/images';
import type { PullProgress } from '@shared/dto/images';
import { LotseError } from '@shared/errors';
import { parseReference } from '@shared/rules/references';

import { toLotseError } from '../docker/errors';
import type { EngineService } from '../docker/engine';
import { imageOf } from '../docker/paths';
import { followProgress } from '../docker/progress';
import { type CredentialStore, type Credentials, DockerConfigCredentials } from './credentials';

export interface TransferOptions {
  /** Lotse's own credential store: encrypted in Electron, memory only in the browser bridge. */
  store: CredentialStore;
  /** docker's config folder to read existing logins from (tests point it elsewhere). */
  dockerConfigDir: string;
}

export interface TransferContext {
  signal?: AbortSignal;
  progress?: (value: PullProgress) => void;
}

interface ProgressLine {
  id?: string;
  status?: string;
  progressDetail?: { current?: number; total?: number };
  error?: string;
  errorDetail?: { message?: string };
  aux?: { Digest?: string };
}

/** Maps the engine's status words to the phases a progress bar shows. */
export function phaseOf(status: string): PullProgress['phase'] {
  if (/^(Waiting|Pulling fs layer|Preparing)/.test(status)) return 'waiting';
  if (/^(Downloading|Verifying Checksum|Download complete)/.test(status)) return 'downloading';
  if (/^Extracting/.test(status)) return 'extracting';
  if (/^(Already exists|Layer already exists|Mounted from)/.test(status)) return 'exists';
  if (/^Pushing/.test(status)) return 'pushing';
  if (/^(Pull complete|Pushed)/.test(status)) return 'done';
  return 'info';
}

/** Pull, push and registry logins (`docker pull/push/login/logout`). */
export class TransferService {
  private readonly dockerConfig: DockerConfigCredentials;

  constructor(
    private readonly engine: EngineService,
    private readonly options: TransferOptions,
  ) {
    this.dockerConfig = new DockerConfigCredentials(options.dockerConfigDir);
  }

  accounts(): RegistryAccount[] {
    const own = this.options.store.servers().map((s) => ({ ...s, source: 'lotse' as const }));
    const docker = this.dockerConfig.servers().filter((d) => !own.some((o) => o.server === d.server));
    return [...own, ...docker];
  }

  /** Checks the credentials with the engine (POST /auth) and stores them only when they work. */
  async login(server: string, username: string, password: string): Promise<RegistryAccount> {
    try {
      await this.engine.docker().checkAuth({ username, password, serveraddress: server });
    } catch (error) {
      const lotse = engineError(error);
      if (/unauthorized|incorrect username or password|authentication required|401/i.test(lotse.message)) {
        throw new LotseError('INVALID_PARAMS', `The registry ${server} refused user name or password.`, 'Check both and try again. Nothing was stored.', {
          reason: 'registryUnauthorized',
          detail: lotse.message,
        });
      }
      throw new LotseError(lotse.code === 'INTERNAL' ? 'NOT_FOUND' : lotse.code, `The registry ${server} could not be reached: ${lotse.message}`, 'Check the address and port, and that the registry runs. Nothing was stored.');
    }
    this.options.store.set(server, { username, password });
    return { server, username, source: 'lotse' };
  }

  logout(server: string): { removed: boolean } {
    return { removed: this.options.store.delete(server) };
  }

  private async credentialsFor(server: string): Promise<Credentials | undefined> {
    return this.options.store.get(server) ?? (await this.dockerConfig.get(server));
  }

  private async authconfig(ref: string): Promise<Docker.AuthConfig | undefined> {
    const parsed = parseReference(ref);
    if ('error' in parsed) throw new LotseError('INVALID_PARAMS', parsed.error);
    const credentials = await this.credentialsFor(parsed.registry);
    return credentials ? { username: credentials.username, password: credentials.password, serveraddress: parsed.registry } : undefined;
  }

  async pull(ref: string, ctx: TransferContext = {}): Promise<{ ref: string; id: string }> {
    const authconfig = await this.authconfig(ref);
    const docker = this.engine.docker();
    let stream: Readable;
    try {
      stream = (await docker.pull(ref, authconfig ? { authconfig } : {})) as Readable;
    } catch (error) {
      throw registryError(engineError(error), ref, 'pull');
    }
    await follow(stream, ref, 'pull', ctx);
    const info = (await imageOf(docker, ref).inspect()) as { Id: string };
    return { ref, id: info.Id };
  }

  async push(ref: string, ctx: TransferContext = {}): Promise<{ ref: string; digest?: string }> {
    const authconfig = await this.authconfig(ref);
    const image = imageOf(this.engine.docker(), ref);
    let stream: Readable;
    try {
      // Without an authconfig the engine still wants the header: an empty one means anonymous.
      stream = (await image.push({ authconfig: authconfig ?? {} } as Docker.ImagePushOptions)) as Readable;
    } catch (error) {
      throw registryError(engineError(error), ref, 'push');
    }
    const digest = await follow(stream, ref, 'push', ctx);
    return digest ? { ref, digest } : { ref };
  }
}

/** Reads the JSON lines of a pull or push, reporting progress; resolves with the pushed digest. */
async function follow(stream: Readable, ref: string, what: 'pull' | 'push', ctx: TransferContext): Promise<string | undefined> {
  let digest: string | undefined;
  let failed: LotseError | undefined;
  await followProgress<ProgressLine>(stream, {
    signal: ctx.signal,
    cancelled: () => new LotseError('CANCELLED', `The ${what} of ${ref} was cancelled.`),
    broken: (error) => registryError(engineError(error), ref, what),
    onMessage: (message) => {
      if (message.error || message.errorDetail?.message) {
        failed ??= registryError(new LotseError('INTERNAL', message.errorDetail?.message ?? message.error ?? ''), ref, what);
        return;
      }
      if (message.aux?.Digest) digest = message.aux.Digest;
      if (message.status) {
        ctx.progress?.({
          id: message.id ?? '',
          status: message.status,
          phase: phaseOf(message.status),
          ...(message.progressDetail?.current === undefined ? {} : { current: message.progressDetail.current }),
          ...(message.progressDetail?.total === undefined ? {} : { total: message.progressDetail.total }),
        });
      }
    },
  });
  if (failed) throw failed;
  return digest;
}

/** Says what went wrong with a registry in words a learner can act on. */
export function registryError(error: LotseError, ref: string, what: 'pull' | 'push'): LotseError {
  const message = error.message;
  if (/connection refused|no such host|dial tcp|i\/o timeout|server gave HTTP response|no route/i.test(message)) {
    return new LotseError('NOT_FOUND', `The registry for ${ref} cannot be reached: ${message}`, 'Check the registry address and port, and that the registry runs (and that your network reaches it).');
  }
  if (/unauthorized|authentication required|no basic auth credentials|denied|forbidden/i.test(message)) {
    return new LotseError(
      'ENGINE_PERMISSION',
      `The registry refused the ${what} of ${ref}: ${message}`,
      what === 'push' ? 'Log in to the registry (docker login) with a user that may push to this repository.' : 'Log in to the registry first, or check the name: private images need a login.',
    );
  }
  if (/not found|manifest unknown|does not exist|no such image/i.test(message)) {
    return new LotseError('NOT_FOUND', `${ref} was not found: ${message}`, what === 'push' ? 'Tag the image with this name first (docker tag).' : 'Check the name and the tag; the registry has no such image.');
  }
  return error;
}

/** The engine's own words: for a 500 dockerode puts them only into the message ("(HTTP code 500) server error - …"). */
function engineError(error: unknown): LotseError {
  const lotse = toLotseError(error);
  const detail = error instanceof Error ? /^\(HTTP code \d+\) [^-]*- (.*)$/s.exec(error.message)?.[1]?.trim() : undefined;
  return detail && lotse.code === 'INTERNAL' ? new LotseError('INTERNAL', detail) : lotse;
}
