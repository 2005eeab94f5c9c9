// The choices /timeline's topic offers as it is typed: the knowledge base's main topics, in
// the typed language first, those containing what was typed (any case), at most 25.
const MAX_CHOICES = 25;
const NAME_CHARS = 100;

export function topicChoices(first: readonly string[], second: readonly string[], typed: string): { name: string; value: string }[] {
  const needle = typed.trim().toLowerCase();
  const seen = new Set<string>();
  const out: { name: string; value: string }[] = [];
  for (const topic of [...first, ...second]) {
    const t = Array.from(topic).slice(0, NAME_CHARS).join("");
    if (seen.has(t) || (needle !== "" && !t.toLowerCase().includes(needle))) continue;
    seen.add(t);
    out.push({ name: t, value: t });
    if (out.length >= MAX_CHOICES) break;
  }
  return out;
}
