import { createContext, useContext, type ReactNode } from "react";

/**
 * The CSP nonce of the current response, for Remix's <Scripts> and <ScrollRestoration>.
 * Provided by entry.server; in the browser it is "" (browsers hide nonces from the DOM, and
 * scripts added after hydration are modules loaded from this site).
 */
const NonceContext = createContext("");

export function NonceProvider({ nonce, children }: { nonce: string; children: ReactNode }) {
  return <NonceContext.Provider value={nonce}>{children}</NonceContext.Provider>;
}

export function useNonce(): string {
  return useContext(NonceContext);
}
