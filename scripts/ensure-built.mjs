// Brings dist/ up to date before `npm start`, `npm run ask` and the other commands run the
// built JavaScript with node itself (no loader to start, and no process between npm and the
// bot to relay signals twice). Only the .ts files in src/ newer than their .js are transpiled,
// file by file as tsx did (TypeScript's transpileModule, no type check), and the .js of a
// deleted source is removed. When nothing changed it returns in milliseconds without loading
// TypeScript. `npm run build` is the full, type-checked build.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "..");
const SRC = join(ROOT, "src");
const DIST = join(ROOT, "dist");

const mtime = (file) => (existsSync(file) ? statSync(file).mtimeMs : -Infinity);
const sources = readdirSync(SRC, { recursive: true })
  .map(String)
  .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"));
const outOf = (f) => join(DIST, f.slice(0, -".ts".length) + ".js");
const stale = sources.filter((f) => mtime(join(SRC, f)) > mtime(outOf(f)));
const known = new Set(sources.map(outOf));
const orphans = existsSync(DIST)
  ? readdirSync(DIST, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith(".js") && !known.has(join(DIST, f)))
  : [];

if (stale.length > 0 || orphans.length > 0) {
  const started = performance.now();
  let ts;
  try {
    ts = (await import("typescript")).default;
  } catch {
    process.stderr.write("build: dist/ is older than src/ and TypeScript is not installed: run `npm run build` where the dev dependencies are\n");
    process.exit(1);
  }
  const config = ts.getParsedCommandLineOfConfigFile(join(ROOT, "tsconfig.build.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  // Per file, the module format comes from the options, not from package.json: ESM, as "type": "module" says.
  const compilerOptions = { ...config.options, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, incremental: false };
  let failed = false;
  for (const f of stale) {
    const file = join(SRC, f);
    const out = ts.transpileModule(readFileSync(file, "utf8"), { compilerOptions, fileName: file, reportDiagnostics: true });
    for (const d of out.diagnostics ?? []) {
      failed = true;
      const at = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : null;
      process.stderr.write(`build: src/${f}${at ? `:${at.line + 1}:${at.character + 1}` : ""}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}\n`);
    }
    const target = outOf(f);
    mkdirSync(dirname(target), { recursive: true });
    // Written whole, then renamed: two commands starting at once never run a half-written file.
    const tmp = `${target}.${process.pid}.tmp`;
    writeFileSync(tmp, out.outputText);
    renameSync(tmp, target);
  }
  for (const f of orphans) rmSync(join(DIST, f));
  if (failed) process.exit(1);
  const ms = Math.round(performance.now() - started);
  process.stderr.write(`build: dist/ brought up to date (${stale.length} transpiled, ${orphans.length} removed, ${ms} ms)\n`);
}
