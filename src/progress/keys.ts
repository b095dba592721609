/** localStorage key prefixes (defined with the schemas of what is stored under them). */
export { ATTEMPT_STORAGE_PREFIX, HISTORY_PREFIX, SET_ASIDE_PREFIX } from '../schemas/storage-keys';
