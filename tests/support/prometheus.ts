/** A `/metrics` page as Prometheus reads it: one sample per line, `name{labels} value`. */
export interface Scrape {
  status: number;
  text: string;
  /**
   * The sum of the samples named `name` whose labels include every one of `labels` (all of them
   * when none are given); 0 when there is none.
   */
  value(name: string, labels?: Record<string, string>): number;
  /** The label sets of the samples named `name`. */
  series(name: string): Record<string, string>[];
}

/** Reads `url` (a `/metrics` route) raw, as Prometheus does, with the bearer token when given. */
export async function scrape(url: string, token?: string): Promise<Scrape> {
  // Raw fetch: /metrics is an ops route outside the API contract.
  const res = await fetch(url, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  const text = await res.text();
  const samples = res.status === 200 ? parseSamples(text) : [];
  const named = (name: string) => samples.filter((s) => s.name === name);
  return {
    status: res.status,
    text,
    value: (name, labels = {}) =>
      named(name)
        .filter((s) => Object.entries(labels).every(([k, v]) => s.labels[k] === v))
        .reduce((sum, s) => sum + s.value, 0),
    series: (name) => named(name).map((s) => s.labels),
  };
}

function parseSamples(text: string): { name: string; labels: Record<string, string>; value: number }[] {
  const samples = [];
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g))
      labels[key!] = value!;
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return samples;
}
