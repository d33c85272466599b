/** The concept texts of one language, parsed at build time (conceptCatalog in electron.vite.config.ts). */
declare module 'virtual:lotse-concepts/*' {
  const concepts: import('@shared/concepts').Concept[];
  export default concepts;
}
