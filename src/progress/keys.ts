/** localStorage key prefixes. Versioned, so that a future format can migrate rather than misread. */
export const ATTEMPT_STORAGE_PREFIX = 'calx:v1:attempt:';
export const SET_ASIDE_PREFIX = 'calx:v1:set-aside:';
export const HISTORY_PREFIX = 'calx:v1:history:';
