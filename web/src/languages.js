// The languages the knowledge base has texts for, English first. The build (web/build/build-site.mjs)
// writes the list it finds in core/knowledge/strings/ into the widget in place of this one.
export const LANGUAGES = ['en', 'es', 'de'];
