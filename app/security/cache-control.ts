import type { HeadersFunction } from "@remix-run/node";

/**
 * For pages whose URL holds what someone searched for, or that show a referral or an
 * account: no shared cache may store them, and the browser keeps no copy that the next person
 * on a shared phone or library computer could bring back.
 */
export const PRIVATE_NO_STORE = "private, no-store";

/** The `headers` export of such a page. */
export const privatePageHeaders: HeadersFunction = () => ({ "Cache-Control": PRIVATE_NO_STORE });
