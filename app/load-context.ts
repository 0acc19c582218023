import type { AppLoadContext } from "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** Per-request CSP nonce for Remix's inline scripts, made by server/security-headers.ts. */
    cspNonce?: string;
    /** The visitor's address as Express sees it (honouring TRUST_PROXY); for throttling. */
    clientAddress?: string;
    /** Tells the server a request failed because PostgreSQL was unreachable: it answers 503. */
    databaseUnavailable?: () => void;
    /**
     * Only on document requests: what loaders render into the page's markup without sending
     * it again as loader data (app/http/markup-only.tsx).
     */
    markupOnly?: Map<string, unknown>;
  }
}

/** The visitor's IP address, or "unknown" when the server did not provide one. */
export function clientAddress(context: AppLoadContext | undefined): string {
  return context?.clientAddress?.trim() || "unknown";
}
