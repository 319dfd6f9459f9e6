import type { ComponentChildren } from 'preact';
import { CaravanApiError } from '@caravan/client';

/** What went wrong, in words a person can act on. */
export function describeError(error: unknown): string {
  if (error instanceof CaravanApiError) {
    const fields = error.errors.map((e) => `${e.field}: ${e.message}`);
    return [error.detail ?? error.title, ...fields].join(' — ');
  }
  return error instanceof Error ? error.message : String(error);
}

export function Loading({ what }: { what: string }) {
  return (
    <p class="state loading" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

export function ErrorState({ error, retry }: { error: unknown; retry?: () => void }) {
  return (
    <div class="state error" role="alert">
      <p>{describeError(error)}</p>
      {retry && (
        <button type="button" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

/** An empty list, with what to do next. */
export function Empty({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <div class="state empty">
      <p>
        <strong>{title}</strong>
      </p>
      <p>{children}</p>
    </div>
  );
}

/** Loading, error and data states of one request, in one place. */
export function Async<T>({
  state,
  what,
  children,
}: {
  state: { data: T | undefined; error: unknown; loading: boolean; reload: () => void };
  what: string;
  children: (data: T) => ComponentChildren;
}) {
  if (state.error !== undefined) return <ErrorState error={state.error} retry={state.reload} />;
  if (state.data === undefined) return <Loading what={what} />;
  return <>{children(state.data)}</>;
}
