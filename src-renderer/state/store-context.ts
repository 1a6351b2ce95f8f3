import { createContext, useContext, type Provider } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';

/**
 * How components reach one store. Each store module makes its own, so a feature's store and its
 * hooks live with the feature and state/ never names them; the composition root (app/) provides
 * every store once.
 */
export interface StoreContext<S> {
  Provider: Provider<StoreApi<S> | null>;
  /** The store itself, for its actions and `getState()` in event handlers. */
  useStoreApi: () => StoreApi<S>;
  /** A slice of the state; the component renders again when the slice changes. */
  useSlice: <T>(select: (state: S) => T) => T;
}

export function createStoreContext<S>(name: string): StoreContext<S> {
  const context = createContext<StoreApi<S> | null>(null);
  function useStoreApi(): StoreApi<S> {
    const store = useContext(context);
    if (!store) throw new Error(`The ${name} store is not provided: render the component inside StoresProvider (app/StoresProvider.tsx).`);
    return store;
  }
  return {
    Provider: context.Provider,
    useStoreApi,
    useSlice: (select) => useStore(useStoreApi(), select),
  };
}
