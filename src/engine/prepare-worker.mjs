// Entry of the thread that prepares the next knowledge snapshot (prepare-worker.ts): a
// worker starts as plain Node, so it first teaches itself TypeScript the way `npm start` does.
import { register } from "tsx/esm/api";

register();
await import("./prepare-worker.ts");
