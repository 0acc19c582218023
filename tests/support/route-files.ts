import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { SEARCH_PARAMETERS } from "~/search/params";

const routesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../app/routes");

export type Segment =
  | { kind: "static"; value: string }
  | { kind: "param"; name: string; optional: boolean }
  | { kind: "splat" };

/** One file of app/routes, read the way Remix's flat routes read its name. */
export interface RouteFile {
  file: string;
  segments: Segment[];
  /** `/:lang?/orgs/:slug`, for messages. */
  pattern: string;
  /** An index route: a POST reaches its action only with `?index` (as Remix's forms send it). */
  index: boolean;
  hasLoader: boolean;
  hasAction: boolean;
  /** Query parameters its source reads (plus the search page's, when it parses those). */
  queryParameters: string[];
  /** Form fields and `intent` values named in its source: what a fuzzed body is made of. */
  formFields: string[];
  intents: string[];
}

/** Splits a flat-route name on dots, keeping `[.]` (an escaped dot) inside its segment. */
function splitName(name: string): string[] {
  const parts: string[] = [];
  let current = "";
  let escaped = false;
  for (const char of name) {
    if (char === "[") escaped = true;
    else if (char === "]") escaped = false;
    else if (char === "." && !escaped) {
      parts.push(current);
      current = "";
      continue;
    }
    current += char;
  }
  parts.push(current);
  return parts;
}

function segmentOf(part: string): Segment | undefined {
  if (part === "_index" || (part.startsWith("_") && !part.startsWith("__"))) return undefined;
  if (part === "$") return { kind: "splat" };
  const optional = /^\(\$(\w+)\)$/.exec(part);
  if (optional) return { kind: "param", name: optional[1]!, optional: true };
  if (part.startsWith("$")) return { kind: "param", name: part.slice(1), optional: false };
  return { kind: "static", value: part.replace(/\[(.)\]/g, "$1") };
}

const unique = (values: Iterable<string>) => [...new Set(values)].sort();

function matchesOf(source: string, pattern: RegExp): string[] {
  return [...source.matchAll(pattern)].map((match) => match[1]!);
}

/** Every route file of the app, so that a new route is walked by the fuzz suite without a list. */
export function routeFiles(): RouteFile[] {
  return readdirSync(routesDir)
    .filter((file) => /\.(tsx?|jsx?)$/.test(file))
    .sort()
    .map((file) => {
      const source = readFileSync(path.join(routesDir, file), "utf8");
      const segments = splitName(file.replace(/\.(tsx?|jsx?)$/, ""))
        .map(segmentOf)
        .filter((segment): segment is Segment => segment !== undefined);
      const pattern =
        "/" +
        segments
          .map((segment) =>
            segment.kind === "static"
              ? segment.value
              : segment.kind === "splat"
                ? "*"
                : `:${segment.name}${segment.optional ? "?" : ""}`,
          )
          .join("/");
      const queryParameters = matchesOf(source, /searchParams\.get(?:All)?\(\s*"([^"]+)"/g);
      if (source.includes("parseSearchParams")) queryParameters.push(...SEARCH_PARAMETERS);
      return {
        file,
        segments,
        pattern,
        index: /(^|\.)_index\.[jt]sx?$/.test(file),
        hasLoader: /export (async )?function loader\b|export const loader\b/.test(source),
        hasAction: /export (async )?function action\b|export const action\b/.test(source),
        queryParameters: unique(queryParameters),
        formFields: unique([
          ...matchesOf(source, /\bname="([\w.[\]-]+)"/g),
          ...matchesOf(source, /(?:formData|form)\.get(?:All)?\(\s*"([^"]+)"/g),
        ]),
        intents: unique(matchesOf(source, /intent\s*===\s*"([^"]+)"/g)),
      };
    });
}
