// One engine over the bundled data, shared by a test file.
import { join } from "node:path";
import { createEngine, type FullEngine } from "../../src/engine/engine.ts";

export const DATA_DIR = join(import.meta.dirname, "..", "..", "data");

let shared: Promise<FullEngine> | null = null;
export function bundledEngine(): Promise<FullEngine> {
  shared ??= createEngine({ dataDir: DATA_DIR });
  return shared;
}
