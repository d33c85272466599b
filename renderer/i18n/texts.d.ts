/** Where each language's UI texts are (languageTexts in electron.vite.config.ts): language → address of its JSON. */
declare module 'virtual:lotse-texts' {
  const addresses: Record<string, string>;
  export default addresses;
}
