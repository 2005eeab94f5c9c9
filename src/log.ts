// Structured JSON logs on stderr, one object a line. Secrets registered at start-up are
// masked wherever they appear, so a token can never reach a log line by accident.

export type Level = "debug" | "info" | "warn" | "error";
const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  /** Whether lines of this level are written: lets a caller skip building a line that would be dropped. */
  enabled(level: Level): boolean;
  child(bindings: Record<string, unknown>): Logger;
}

export interface LoggerOptions {
  level?: Level;
  /** Values never to print (tokens, signing secrets). */
  secrets?: readonly string[];
  write?: (line: string) => void;
  bindings?: Record<string, unknown>;
}

function serializeError(err: unknown): unknown {
  if (!(err instanceof Error)) return err;
  const out: Record<string, unknown> = { name: err.name, message: err.message, stack: err.stack };
  if (err.cause !== undefined) out.cause = serializeError(err.cause);
  return out;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const min = order[options.level ?? "info"];
  const secrets = (options.secrets ?? []).filter((s) => s.length >= 6);
  const write = options.write ?? ((line: string) => process.stderr.write(line + "\n"));
  const bindings = options.bindings ?? {};

  const mask = (line: string): string =>
    secrets.reduce((acc, s) => acc.split(s).join("[redacted]"), line);

  const emit = (level: Level, msg: string, fields?: Record<string, unknown>) => {
    if (order[level] < min) return;
    const record: Record<string, unknown> = { time: new Date().toISOString(), level, msg, ...bindings };
    for (const [k, v] of Object.entries(fields ?? {})) record[k] = serializeError(v);
    let line: string;
    try {
      line = JSON.stringify(record);
    } catch {
      line = JSON.stringify({ time: record.time, level, msg, note: "fields not serializable" });
    }
    write(mask(line));
  };

  return {
    debug: (m, f) => emit("debug", m, f),
    info: (m, f) => emit("info", m, f),
    warn: (m, f) => emit("warn", m, f),
    error: (m, f) => emit("error", m, f),
    enabled: (level) => order[level] >= min,
    child: (b) => createLogger({ ...options, bindings: { ...bindings, ...b } }),
  };
}

/** A logger that drops everything, for tests that do not look at logs. */
export const silentLogger: Logger = createLogger({ write: () => {} });
