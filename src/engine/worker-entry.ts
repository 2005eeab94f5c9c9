// Where a worker thread starts. A worker begins as plain Node: run from source (tsx, vitest)
// it needs the .mjs wrapper that registers tsx before importing the .ts module; run from the
// built JavaScript (dist/, `npm run build`) it starts on the module's own .js file.

/** The entry of worker `name` (a module next to `caller`, which is the caller's import.meta.url). */
export function workerEntry(name: string, caller: string): URL {
  return new URL(caller.endsWith(".ts") ? `./${name}.mjs` : `./${name}.js`, caller);
}
