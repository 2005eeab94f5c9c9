// Entry of the knowledge thread (engine-thread.ts) when run from source: a worker starts as
// plain Node, so it first teaches itself TypeScript (the built dist/ starts engine-thread.js).
import { register } from "tsx/esm/api";

register();
await import("./engine-thread.ts");
