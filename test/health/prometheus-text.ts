// A strict reader of the Prometheus text exposition format (version 0.0.4), enough to check
// that /metrics parses and to read sample values by name and labels.

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Exposition {
  samples: Sample[];
  /** Metric family name → type, from the `# TYPE` lines. */
  types: Map<string, string>;
}

const NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
const LABEL = `[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\\\\n]|\\\\[\\\\"n])*"`;
const SAMPLE = new RegExp(`^(${NAME})(?:\\{((?:${LABEL})(?:,${LABEL})*)?,?\\})? (\\S+)(?: -?\\d+)?$`);
// As Prometheus reads it (Go's ParseFloat): "NaN" and "Inf" in any case; prom-client writes "Nan".
const VALUE = /^(?:[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|[+-]?inf(?:inity)?|nan)$/i;

/** Parses the text or throws naming the first line that is not valid. */
export function parsePrometheusText(text: string): Exposition {
  const samples: Sample[] = [];
  const types = new Map<string, string>();
  text.split("\n").forEach((line, i) => {
    if (line === "") return;
    if (line.startsWith("#")) {
      const type = /^# TYPE (\S+) (counter|gauge|histogram|summary|untyped)$/.exec(line);
      if (type) types.set(type[1]!, type[2]!);
      else if (!/^# HELP \S+ /.test(line) && !/^# HELP \S+$/.test(line)) throw new Error(`line ${i + 1}: bad comment: ${line}`);
      return;
    }
    const m = SAMPLE.exec(line);
    if (!m || !VALUE.test(m[3]!)) throw new Error(`line ${i + 1}: not a sample: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, k, v] of (m[2] ?? "").matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[k!] = v!;
    const raw = m[3]!.toLowerCase();
    const value = raw === "nan" ? Number.NaN : /inf/.test(raw) ? (raw.startsWith("-") ? -Infinity : Infinity) : Number(raw);
    samples.push({ name: m[1]!, labels, value });
  });
  return { samples, types };
}

/** The value of the one sample with this name and exactly these labels; undefined when absent. */
export function sampleValue(exposition: Exposition, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = JSON.stringify(Object.entries(labels).sort());
  return exposition.samples.find((s) => s.name === name && JSON.stringify(Object.entries(s.labels).sort()) === wanted)?.value;
}
