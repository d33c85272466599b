/** The English texts, one JSON file per area: a chunk of their own, loaded when this language is shown. */
export default import.meta.glob<Record<string, unknown>>('../locales/en/*.json', { import: 'default', eager: true });
