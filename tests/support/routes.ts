import type { AppLoadContext } from "@remix-run/node";

/**
 * Calling Remix loaders and actions directly with real Request objects, the way the server
 * does, and reading what they answered (a Response, a thrown Response, or `data()`).
 */
export interface RouteOutcome {
  status: number;
  headers: Headers;
  location: string | null;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  data: any;
}

type RouteFunction = (args: {
  request: Request;
  params: Record<string, string | undefined>;
  context: AppLoadContext;
}) => unknown;

export const ORIGIN = "http://localhost:3000";

function isDataWithInit(
  value: unknown,
): value is { type: "DataWithResponseInit"; data: unknown; init: ResponseInit | null } {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as { type?: unknown }).type === "DataWithResponseInit"
  );
}

async function toOutcome(value: unknown): Promise<RouteOutcome> {
  if (value instanceof Response) {
    const text = await value.text();
    let data: unknown = text;
    try {
      data = text ? JSON.parse(text) : null;
    } catch {
      // plain text body
    }
    return {
      status: value.status,
      headers: value.headers,
      location: value.headers.get("Location"),
      data,
    };
  }
  if (isDataWithInit(value)) {
    return {
      status: value.init?.status ?? 200,
      headers: new Headers(value.init?.headers),
      location: null,
      data: value.data,
    };
  }
  return { status: 200, headers: new Headers(), location: null, data: value };
}

export async function callRoute(
  fn: RouteFunction,
  request: Request,
  options: { params?: Record<string, string | undefined>; clientAddress?: string } = {},
): Promise<RouteOutcome> {
  const context: AppLoadContext = { clientAddress: options.clientAddress ?? "198.51.100.1" };
  try {
    return await toOutcome(await fn({ request, params: options.params ?? {}, context }));
  } catch (thrown) {
    if (thrown instanceof Response) return toOutcome(thrown);
    throw thrown;
  }
}

export interface RequestOptions {
  cookie?: string;
  /** Defaults to this site's origin; `null` sends no Origin header. */
  origin?: string | null;
  secFetchSite?: string;
  userAgent?: string;
}

function headersFor(options: RequestOptions): Headers {
  const headers = new Headers();
  if (options.cookie) headers.set("Cookie", options.cookie);
  if (options.userAgent) headers.set("User-Agent", options.userAgent);
  return headers;
}

export function getRequest(path: string, options: RequestOptions = {}): Request {
  return new Request(new URL(path, ORIGIN), { headers: headersFor(options) });
}

export function postForm(
  path: string,
  fields: Record<string, string>,
  options: RequestOptions = {},
): Request {
  const headers = headersFor(options);
  const origin = options.origin === undefined ? ORIGIN : options.origin;
  if (origin) headers.set("Origin", origin);
  if (options.secFetchSite) headers.set("Sec-Fetch-Site", options.secFetchSite);
  headers.set("Content-Type", "application/x-www-form-urlencoded");
  return new Request(new URL(path, ORIGIN), {
    method: "POST",
    headers,
    body: new URLSearchParams(fields).toString(),
  });
}

/** The `name=value` pairs a browser would send back for these Set-Cookie headers. */
export function cookiesFrom(headers: Headers): string {
  return headers
    .getSetCookie()
    .filter((cookie) => !/max-age=0/i.test(cookie))
    .map((cookie) => cookie.split(";")[0]!)
    .join("; ");
}

export function setCookieNamed(headers: Headers, name: string): string | undefined {
  return headers.getSetCookie().find((cookie) => cookie.startsWith(`${name}=`));
}
