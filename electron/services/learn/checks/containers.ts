import { containerDisplayName } from '@shared/rules/containers';

import { containerOf } from '../../docker/paths';
import { type CheckFn, type ContainerInfo, fail, isHelloWorld, learnerContainers, pass } from './common';

/** Running containers and what runs in them: exercises 1 (hello-world) and 5 (internal communication). */
export const containerChecks: Record<string, Record<string, CheckFn>> = {
  'hello-world': {
    'engine-answers': async ({ docker }) => {
      const version = (await docker.version()) as { Version?: string; ApiVersion?: string };
      return pass('engine-answers', { version: version.Version ?? '', api: version.ApiVersion ?? '' });
    },
    'hello-world-container-exited-0': async ({ docker }) => {
      const all = (await learnerContainers(docker, true)).filter((c) => isHelloWorld(c.Image));
      if (!all.length) return fail('no-hello-world-container');
      for (const c of all) {
        const state = (await containerOf(docker, c.Id).inspect()).State;
        if (state.Status === 'exited' && state.ExitCode === 0) return pass('hello-world-exited-0', { container: containerDisplayName(c), image: c.Image });
      }
      return fail('hello-world-not-exited-0', { container: containerDisplayName(all[0] as ContainerInfo) });
    },
  },
  'internal-communication': {
    'both-ports-answer-inside': async (ctx) => {
      const running = await learnerContainers(ctx.docker);
      const mentions81 = (c: ContainerInfo): boolean => c.Ports.some((p) => p.PrivatePort === 81);
      const candidates = [...running.filter(mentions81), ...running.filter((c) => !mentions81(c))].slice(0, 8);
      for (const c of candidates) {
        const result = await ctx.probe.run({
          networkMode: `container:${c.Id}`,
          script: `for p in 80 81; do printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 3 127.0.0.1 "$p" 2>/dev/null | head -n 1 | grep -q '^HTTP/' || exit 1; done`,
        });
        if (result.exitCode === 0) return pass('both-ports-answer', { container: containerDisplayName(c) });
      }
      return fail(running.length ? 'ports-do-not-answer' : 'no-running-container');
    },
  },
};
