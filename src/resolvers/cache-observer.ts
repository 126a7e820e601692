/** Told of each lookup in a cache (hit: answered from a fresh cache; miss: the cache had to be read). */
export type CacheObserver = (hit: boolean) => void;

export const UNOBSERVED: CacheObserver = () => {};
