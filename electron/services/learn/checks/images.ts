import type Docker from 'dockerode';

import { containerDisplayName } from '@shared/rules/containers';

import { imageOf } from '../../docker/paths';
import { type CheckContext, type CheckFn, type ContainerInfo, fail, learnerContainers, pass, repositoryName } from './common';

// Exercise 3: an image the learner built on top of another local image, adding files with COPY/ADD.
interface HistoryStep {
  CreatedBy: string;
}

interface BuiltImage {
  id: string;
  tag: string;
  base: string;
}

async function builtImages(docker: Docker): Promise<BuiltImage[]> {
  const summaries = await docker.listImages();
  const details = await Promise.all(summaries.map((s) => imageOf(docker, s.Id).inspect()));
  const built: BuiltImage[] = [];
  for (const image of details) {
    const tags = (image.RepoTags ?? []).filter((t) => t !== '<none>:<none>');
    // Lab fixtures and official web server images are bases, not the learner's own image.
    const own = tags.filter((t) => !t.startsWith('lotse-lab/') && !['nginx', 'httpd', 'busybox', 'alpine'].includes(repositoryName(t)));
    if (!own.length) continue;
    const layers = image.RootFS.Layers ?? [];
    const base = details
      .filter((b) => b.Id !== image.Id && (b.RootFS.Layers ?? []).length > 0 && (b.RootFS.Layers ?? []).length <= layers.length)
      .filter((b) => (b.RootFS.Layers ?? []).every((layer, i) => layers[i] === layer))
      .sort((a, b) => (b.RootFS.Layers ?? []).length - (a.RootFS.Layers ?? []).length)[0];
    if (!base) continue;
    const history = (await imageOf(docker, image.Id).history()) as HistoryStep[];
    const baseHistory = (await imageOf(docker, base.Id).history()) as HistoryStep[];
    // history() is newest first: the steps above the base are the learner's.
    const ownSteps = history.slice(0, Math.max(0, history.length - baseHistory.length));
    if (!ownSteps.some((step) => /\b(COPY|ADD)\b/.test(step.CreatedBy))) continue;
    built.push({ id: image.Id, tag: own[0] ?? image.Id, base: (base.RepoTags ?? [])[0] ?? base.Id.slice(7, 19) });
  }
  return built;
}

async function websiteContainer(ctx: CheckContext): Promise<{ container: ContainerInfo; image: BuiltImage } | undefined> {
  const built = await builtImages(ctx.docker);
  const running = await learnerContainers(ctx.docker);
  for (const container of running) {
    const image = built.find((b) => b.id === container.ImageID);
    if (image && container.Ports.some((p) => p.PublicPort === 8080 && p.Type === 'tcp')) return { container, image };
  }
  return undefined;
}

/** Building an image from a Dockerfile and serving a website from it: exercise 3. */
export const imageChecks: Record<string, Record<string, CheckFn>> = {
  'static-website': {
    'image-built-from-dockerfile': async ({ docker }) => {
      const built = await builtImages(docker);
      const first = built[0];
      return first ? pass('image-built', { image: first.tag, base: first.base }) : fail('no-built-image');
    },
    'container-on-8080-serves-page': async (ctx) => {
      const found = await websiteContainer(ctx);
      if (!found) return fail('no-container-on-8080');
      const page = await ctx.probe.httpGet('host', '127.0.0.1', 8080, '/');
      const facts = { container: containerDisplayName(found.container), image: found.image.tag, status: String(page.status) };
      // HTML5 lets a page omit <html>; any of its usual tags counts.
      return page.status === 200 && /<(html|!doctype|head|body|h1)\b/i.test(page.body) ? pass('page-answers', facts) : fail('page-does-not-answer', facts);
    },
    'css-and-script-served': async (ctx) => {
      const found = await websiteContainer(ctx);
      if (!found) return fail('no-container-on-8080');
      const missing: string[] = [];
      for (const path of ['/styles.css', '/script.js']) {
        if ((await ctx.probe.httpGet('host', '127.0.0.1', 8080, path)).status !== 200) missing.push(path);
      }
      return missing.length ? fail('assets-missing', { paths: missing.join(', ') }) : pass('assets-served');
    },
  },
};
