import '@mantine/core/styles.css';
import './styles.css';

// The texts' fetch and the backend's first questions start in the boot chunk, which index.html runs first.
import './boot';

import { textsReady } from './i18n';

import { createTheme, MantineProvider } from '@mantine/core';
import { StrictMode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';

import { App } from './App';
import { ErrorBoundary } from './components/ErrorBoundary';
import { firstAnswers } from './startup';

/** How long the first render waits for the backend's first answers before it draws without them. */
const FIRST_ANSWERS_WAIT_MS = 300;

const theme = createTheme({
  primaryColor: 'cyan',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif',
  fontFamilyMonospace: 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace',
});

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
// The first render waits for the texts, and for the backend's first answers for at most a moment (startup.ts).
try {
  await Promise.all([textsReady, firstAnswers(FIRST_ANSWERS_WAIT_MS)]);
} catch (error) {
  // Without texts there is nothing to say things with but these words, in both languages.
  root.innerHTML =
    '<p style="font-family: system-ui, sans-serif; margin: 2rem">Lotse konnte seine Texte nicht laden. / Lotse could not load its texts.<br><button type="button">Neu laden / Reload</button></p>';
  root.querySelector('button')?.addEventListener('click', () => location.reload());
  throw error;
}
// Drawn at once, in this task: a render scheduled for later let the browser paint the empty page
// and run what else was queued first (tens of milliseconds on a slow machine).
const reactRoot = createRoot(root);
flushSync(() =>
  reactRoot.render(
    <StrictMode>
      <MantineProvider theme={theme} defaultColorScheme="auto">
        <ErrorBoundary>
          <App />
        </ErrorBoundary>
      </MantineProvider>
    </StrictMode>,
  ),
);
