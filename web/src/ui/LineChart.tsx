export interface Point {
  at: number;
  value: number | null;
}

const W = 560;
const H = 160;
const PAD = { left: 44, right: 8, top: 10, bottom: 22 };

/**
 * A small SVG line chart (no chart library: two series of at most a few hundred points). The figure
 * has a text summary for screen readers; gaps (`null`) break the line.
 */
export function LineChart({
  points,
  label,
  summary,
  format,
  max,
}: {
  points: Point[];
  label: string;
  summary: string;
  format: (value: number) => string;
  max?: number;
}) {
  const values = points.flatMap((p) => (p.value === null ? [] : [p.value]));
  const top = max ?? Math.max(1, ...values);
  const first = points[0]?.at ?? 0;
  const span = Math.max(1, (points.at(-1)?.at ?? first) - first);
  const x = (at: number) => PAD.left + ((at - first) / span) * (W - PAD.left - PAD.right);
  const y = (v: number) => PAD.top + (1 - v / top) * (H - PAD.top - PAD.bottom);
  const segments: string[] = [];
  let current = '';
  for (const p of points) {
    if (p.value === null) {
      if (current) segments.push(current);
      current = '';
      continue;
    }
    current += `${current ? 'L' : 'M'}${x(p.at).toFixed(1)},${y(p.value).toFixed(1)}`;
  }
  if (current) segments.push(current);
  const time = (at: number) => new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return (
    <figure class="chart-figure">
      <figcaption>{label}</figcaption>
      <svg class="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${label}: ${summary}`}>
        <line class="axis" x1={PAD.left} x2={W - PAD.right} y1={H - PAD.bottom} y2={H - PAD.bottom} />
        <line class="axis" x1={PAD.left} x2={PAD.left} y1={PAD.top} y2={H - PAD.bottom} />
        <text x={PAD.left - 4} y={PAD.top + 8} text-anchor="end">
          {format(top)}
        </text>
        <text x={PAD.left - 4} y={H - PAD.bottom} text-anchor="end">
          {format(0)}
        </text>
        {points.length > 0 && (
          <>
            <text x={PAD.left} y={H - 6}>
              {time(first)}
            </text>
            <text x={W - PAD.right} y={H - 6} text-anchor="end">
              {time(first + span)}
            </text>
          </>
        )}
        {segments.map((d) => (
          <path key={d} class="line" d={d} />
        ))}
      </svg>
      <p class="muted">{summary}</p>
    </figure>
  );
}
