/**
 * The Content-Security-Policy of every response. Scripts: this site's files plus Remix's
 * inline hydration scripts, which carry the per-request nonce; no inline script otherwise, no
 * eval, no third-party origin. Images may also come from the configured map tile server.
 */
export function tileOrigin(mapTileUrl: string): string | undefined {
  // "https://{s}.tile.example.org/{z}/{x}/{y}.png" -> "https://*.tile.example.org"
  const match = /^(https?):\/\/([^/?#]+)/i.exec(mapTileUrl.trim());
  if (!match) return undefined; // a relative URL: tiles served by this site
  const host = match[2]!.replace(/\{[a-z]+\}/gi, "*");
  if (!/^[a-z0-9*.-]+(:\d+)?$/i.test(host)) return undefined;
  return `${match[1]!.toLowerCase()}://${host.toLowerCase()}`;
}

export function contentSecurityPolicy(options: {
  nonce: string;
  mapTileUrl: string;
  development: boolean;
}): string {
  const tiles = tileOrigin(options.mapTileUrl);
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    "script-src": ["'self'", `'nonce-${options.nonce}'`],
    "script-src-attr": ["'none'"],
    // Vite injects <style> elements in development; production uses stylesheet files only.
    // Style attributes stay allowed (a width set by a component, Leaflet's positioning).
    "style-src": options.development ? ["'self'", "'unsafe-inline'"] : ["'self'"],
    "style-src-attr": ["'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", ...(tiles ? [tiles] : [])],
    "font-src": ["'self'"],
    // Development: Vite's hot-reload websocket.
    "connect-src": options.development ? ["'self'", "ws:", "wss:"] : ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    "frame-src": ["'none'"],
    "worker-src": ["'self'", "blob:"],
    "manifest-src": ["'self'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(" ")}`)
    .join("; ");
}
