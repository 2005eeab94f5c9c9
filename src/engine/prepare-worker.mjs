// Entry of the thread that prepares the next knowledge snapshot (prepare-worker.ts) when run
// from source: a worker starts as plain Node, so it first teaches itself TypeScript (the
// built dist/ starts prepare-worker.js).
import { register } from "tsx/esm/api";

register();
await import("./prepare-worker.ts");
