import { readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

import {
  app,
  BrowserWindow,
  ipcMain,
  type IpcMainEvent,
  protocol,
  safeStorage,
  session,
  shell,
  type WebContents,
} from 'electron';

import { RPC_CHANNEL } from '@shared/rpc/ipc';

import { version } from '../../package.json';
import { createBackend, type Backend, keepServing } from '../rpc/backend';
import type { RouterConnection } from '../rpc/router';
import { type CredentialStore, EncryptedCredentialStore, MemoryCredentialStore } from '../services/images/credentials';
import { isAllowedExternalUrl } from './external';
import { APP_ORIGIN, APP_SCHEME, CONTENT_SECURITY_POLICY, windowOptions } from './window-options';

const rendererDir = join(import.meta.dirname, '..', 'renderer');
const devUrl = process.env.ELECTRON_RENDERER_URL;

// codeCache: Chromium keeps the compiled code of the app's scripts between launches (for a custom
// scheme only when asked), so from the second start on the window runs them without compiling them.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
]);

const mimeTypes: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

function serveApp(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'app') return new Response('Not found', { status: 404 });
    let decoded: string;
    try {
      decoded = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
    } catch {
      return new Response('Bad request', { status: 400 });
    }
    const path = normalize(join(rendererDir, decoded));
    if (!path.startsWith(rendererDir + sep)) return new Response('Forbidden', { status: 403 });
    try {
      const body = await readFile(path);
      return new Response(body, {
        headers: {
          'Content-Type': mimeTypes[extname(path)] ?? 'application/octet-stream',
          'Content-Security-Policy': CONTENT_SECURITY_POLICY,
          'X-Content-Type-Options': 'nosniff',
        },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}

/** Only the app's own top-level frame may talk to the router. */
function isTrustedSender(event: IpcMainEvent): boolean {
  const frame = event.senderFrame;
  if (!frame || frame !== event.sender.mainFrame) return false;
  // URL.parse: a frame between pages may have no URL yet; that is no trusted sender, and no exception.
  const origin = URL.parse(frame.url)?.origin;
  return origin === APP_ORIGIN || (devUrl !== undefined && origin === URL.parse(devUrl)?.origin);
}

function hardenSessions(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(({ url }) => {
      // Only parsed https URLs to allowlisted documentation hosts (external.ts, unit-tested).
      if (isAllowedExternalUrl(url)) void shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK
      return { action: 'deny' };
    });
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}

function createWindow(backend: Backend, connections: Map<number, RouterConnection>): void {
  // windowOptions() sets contextIsolation, sandbox and no nodeIntegration (tests/unit/main/window-security.test.ts);
  // new windows are denied for every web contents (hardenSessions), middle clicks included.
  const preload = join(import.meta.dirname, '..', 'preload', 'index.cjs');
  const window = new BrowserWindow(windowOptions(preload)); // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK
  const contents: WebContents = window.webContents;
  const connection = backend.router.connect((message) => {
    if (!contents.isDestroyed()) contents.send(RPC_CHANNEL, message);
  });
  connections.set(contents.id, connection);
  contents.once('destroyed', () => {
    connection.close();
    connections.delete(contents.id);
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(devUrl ?? `${APP_ORIGIN}/index.html`);
}

/** Registry logins encrypted with the OS keychain; in memory only where the OS offers no encryption. */
function credentialStore(): CredentialStore {
  if (!safeStorage.isEncryptionAvailable()) return new MemoryCredentialStore();
  const file = join(app.getPath('userData'), 'registry-credentials.bin');
  return new EncryptedCredentialStore(safeStorage, {
    read: () => {
      try {
        return readFileSync(file);
      } catch {
        return undefined;
      }
    },
    write: (data) => writeFileSync(file, data, { mode: 0o600 }),
  });
}

async function main(): Promise<void> {
  keepServing();
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  await app.whenReady();
  hardenSessions();
  serveApp();
  const backend = createBackend({ version, credentials: credentialStore(), dataDir: app.getPath('userData') });
  const connections = new Map<number, RouterConnection>();
  ipcMain.on(RPC_CHANNEL, (event, message: unknown) => {
    if (!isTrustedSender(event)) return;
    connections.get(event.sender.id)?.receive(message);
  });
  createWindow(backend, connections);
  app.on('second-instance', () => BrowserWindow.getAllWindows()[0]?.focus());
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow(backend, connections);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', () => backend.close());
}

void main();
