/** The concept texts of one language, parsed at build time (conceptCatalog in electron.vite.config.ts). */
declare module 'virtual:lotse-concepts/*' {
  import type { Concept } from '@shared/concepts';

  const concepts: Concept[];
  export default concepts;
}
