// What the page starts before the app's code runs, in a chunk of its own that index.html runs first
// (the boot group in electron.vite.config.ts): the learner's texts are fetched, the backend is
// connected and asked its first questions (startup.ts) while React DOM, Mantine and the views are still
// being compiled. Only what that needs is in the chunk: the client, the stores it fills, zustand, React.
import './i18n/language';

import { startFollowing } from './startup';

startFollowing();
