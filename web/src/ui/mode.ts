import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

/** `portal`: a customer's view of their own endpoints, without the tenant-wide controls. */
export const ModeContext = createContext<'dashboard' | 'portal'>('dashboard');

export const useIsPortal = (): boolean => useContext(ModeContext) === 'portal';
