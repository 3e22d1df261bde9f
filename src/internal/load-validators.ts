/** The lazily loaded contract module. */
export type Validators = typeof import('./validators.js');

let loading: Promise<Validators> | undefined;
let loaded: Validators | undefined;

/** The validators if already loaded: lets a call skip the promise once they are in. */
export function loadedValidators(): Validators | undefined {
  return loaded;
}

/**
 * Loads the zod-based validators once and shares the promise; a failed load (e.g. a chunk
 * that could not be fetched) is forgotten so that the next call tries again.
 */
export function loadValidators(): Promise<Validators> {
  loading ??= import('./validators.js').then(
    (module) => {
      loaded = module;
      return module;
    },
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}
