const BASE = "http://puente.invalid";

/**
 * Where to send someone after signing in: only a path on this site. The input is parsed the
 * way a browser would resolve it, and the RESULT is what is checked: dot segments
 * (`/.//evil.example`, `/%2e//evil.example`) normalise into a protocol-relative `//...`,
 * which the raw string never shows. Anything that is, or could be read as, another origin
 * gives the fallback: `//`, backslashes, encoded slashes or backslashes in the path (some
 * proxies decode them), control characters and whitespace (which URL parsing strips).
 */
export function safeRedirectPath(value: unknown, fallback: string): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 2000) return fallback;
  // eslint-disable-next-line no-control-regex
  if (!value.startsWith("/") || /[\u0000-\u001f\u007f\s\\]/.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  const path = url.pathname;
  if (!path.startsWith("/") || path.startsWith("//") || /%(2f|5c)/i.test(path)) return fallback;
  const result = `${path}${url.search}${url.hash}`;
  // Belt and braces: the result must resolve to this site again, unchanged.
  const again = new URL(result, BASE);
  if (again.origin !== BASE || `${again.pathname}${again.search}${again.hash}` !== result) {
    return fallback;
  }
  return result;
}
