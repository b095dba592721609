/**
 * The browser-storage key prefixes, versioned so that a future format can migrate rather than
 * misread. Apart from the schemas that read what is stored under them, so that a page that only
 * writes (the case page) bundles no schema library.
 */
export const ATTEMPT_STORAGE_PREFIX = 'calx:v1:attempt:';
export const SET_ASIDE_PREFIX = 'calx:v1:set-aside:';
export const HISTORY_PREFIX = 'calx:v1:history:';
