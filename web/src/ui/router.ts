import { useEffect, useState } from 'preact/hooks';

/** The dashboard's route lives in the hash (`#/endpoints/ep_…`), so any page reload lands back on it. */
export function useRoute(): string[] {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const onChange = () => setHash(location.hash);
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
}

export function navigate(to: string): void {
  location.hash = to;
}
