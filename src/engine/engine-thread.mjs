// Entry of the knowledge thread (engine-thread.ts): a worker starts as plain Node, so it
// first teaches itself TypeScript the way `npm start` does.
import { register } from "tsx/esm/api";

register();
await import("./engine-thread.ts");
