import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Caravan } from '@caravan/client';

export const ApiContext = createContext<Caravan | null>(null);

/** The signed-in client; views render only inside a signed-in shell. */
export function useApi(): Caravan {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside a signed-in shell');
  return api;
}
