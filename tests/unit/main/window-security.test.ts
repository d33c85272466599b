import { describe, expect, it } from 'vitest';

import { isAllowedExternalUrl } from '../../../electron/main/external';
import { CONTENT_SECURITY_POLICY, windowOptions } from '../../../electron/main/window-options';

describe('the window', () => {
  it('keeps the renderer isolated and sandboxed', () => {
    const prefs = windowOptions('/app/preload.cjs').webPreferences;
    expect(prefs).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    });
  });

  it('serves the UI under a strict Content-Security-Policy', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|\*/);
  });
});

describe('isAllowedExternalUrl', () => {
  it.each([
    ['https://docs.docker.com/engine/', true],
    ['https://kubernetes.io/docs/concepts/', true],
    ['http://docs.docker.com/', false],
    ['https://docs.docker.com.evil.example/', false],
    ['https://user:pw@docs.docker.com/', false],
    ['https://docs.docker.com:8443/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['not a url', false],
    ['http://127.0.0.1:8080/', true],
    ['http://localhost:18080/index.html', true],
    ['http://user:pw@127.0.0.1:8080/', false],
    ['http://127.0.0.2:8080/', false],
    ['http://10.0.0.1:8080/', false],
  ])('%s → %s', (url, allowed) => {
    expect(isAllowedExternalUrl(url)).toBe(allowed);
  });
});
