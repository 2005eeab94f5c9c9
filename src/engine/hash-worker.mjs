// Entry of the thread that hashes the data directory (hash-worker.ts) when run from source:
// a worker starts as plain Node, so it first teaches itself TypeScript (the built dist/
// starts hash-worker.js).
import { register } from "tsx/esm/api";

register();
await import("./hash-worker.ts");
