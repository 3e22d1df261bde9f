// Types of the parts of tools.mjs that TypeScript code imports (test/browser/chromium.ts).
/** Debian's Chromium, overridable with RUNRA_CHROMIUM. */
export declare const CHROMIUM_PATH: string;
/** Flags that keep Chromium off the (closed) network and quiet as root in a container. */
export declare const CHROMIUM_ARGS: readonly string[];
