import type { ComponentChildren } from 'preact';

/** A timestamp in the reader's locale, with the exact ISO value on hover. */
export function Time({ at }: { at: string | null }) {
  if (!at) return <span class="muted">—</span>;
  return (
    <time dateTime={at} title={at}>
      {new Date(at).toLocaleString()}
    </time>
  );
}

const tones: Record<string, string> = {
  active: 'ok',
  succeeded: 'ok',
  closed: 'ok',
  running: 'ok',
  completed: 'ok',
  pending: 'info',
  retrying: 'warn',
  paused: 'warn',
  half_open: 'warn',
  starting: 'info',
  failed: 'bad',
  discarded: 'bad',
  disabled: 'bad',
  open: 'bad',
  errored: 'bad',
  error: 'bad',
};

/** A status word with a colour that backs it up (the word alone carries the meaning). */
export function Badge({ value }: { value: string }) {
  return <span class={`badge ${tones[value] ?? 'info'}`}>{value.replace('_', ' ')}</span>;
}

/** Pretty-printed JSON, scrollable, selectable. */
export function JsonView({ value, label }: { value: unknown; label: string }) {
  return (
    <pre class="json" tabIndex={0} aria-label={label}>
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

/** A hash link to a dashboard route. */
export function Link({ to, children }: { to: string; children: ComponentChildren }) {
  return <a href={`#${to}`}>{children}</a>;
}
