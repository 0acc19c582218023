import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ErrorRequestHandler, RequestHandler, Response } from "express";
import { MAX_BODY_BYTES, MAX_IMPORT_BYTES, MAX_URL_BYTES } from "~/http/limits";
import { DEFAULT_LOCALE, isLocale, SUPPORTED_LOCALES, type Locale } from "~/i18n/locales";

const localesDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../app/i18n/locales",
);

type Kind = "badRequest" | "notFound" | "tooLarge" | "methodNotAllowed" | "serverError";
type ErrorTexts = Record<Kind, { title: string; body: string }>;

/** `common:errors.*` in every language, read once: these answers are given before Remix runs. */
const TEXTS = Object.fromEntries(
  SUPPORTED_LOCALES.map((locale) => {
    const common = JSON.parse(
      readFileSync(path.join(localesDir, locale, "common.json"), "utf8"),
    ) as { errors: ErrorTexts };
    return [locale, common.errors];
  }),
) as Record<Locale, ErrorTexts>;

/** The language of the URL prefix, else the first Accept-Language that we speak. */
function localeOf(url: string, acceptLanguage: string | undefined): Locale {
  const first = url.split(/[/?#]/)[1];
  if (isLocale(first)) return first;
  for (const range of (acceptLanguage ?? "").split(",")) {
    const tag = range.split(";")[0]!.trim().toLowerCase();
    if (!tag) continue;
    const match =
      SUPPORTED_LOCALES.find((locale) => locale.toLowerCase() === tag) ??
      SUPPORTED_LOCALES.find((locale) => locale.split("-")[0] === tag.split("-")[0]);
    if (match) return match;
  }
  return DEFAULT_LOCALE;
}

/** A short plain-text answer in the visitor's language; the connection is closed after it. */
export function answer(
  response: Response,
  status: number,
  kind: Kind,
  url: string,
  acceptLanguage: string | undefined,
) {
  const text = TEXTS[localeOf(url, acceptLanguage)][kind];
  response
    .status(status)
    .set("Connection", "close")
    .set("Cache-Control", "no-store")
    .type("text/plain")
    .send(`${text.title}\n\n${text.body}\n`);
}

function decodable(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

/**
 * Refuses what cannot or should not be read, before anything reads it: a URL over
 * MAX_URL_BYTES (414), a body whose Content-Length is over MAX_BODY_BYTES (413; a body without
 * a length is counted as it is read, by readForm), and a path whose percent-encoding is not
 * UTF-8 (400: no route can match it, and the static file server and Vite would throw on it).
 */
/** The one form that carries a file: /staff/import (in any language), with its own limit. */
const IMPORT_PATH = /^(\/[A-Za-z-]{2,7})?\/staff\/import\/?(\?|$)/;

export function requestLimits(): RequestHandler {
  return (request, response, next) => {
    const url = request.originalUrl;
    const language = request.get("accept-language");
    if (Buffer.byteLength(url) > MAX_URL_BYTES)
      return answer(response, 414, "tooLarge", url, language);
    const declared = Number(request.get("content-length") ?? "0");
    const limit = IMPORT_PATH.test(url) ? MAX_IMPORT_BYTES : MAX_BODY_BYTES;
    if (declared > limit) return answer(response, 413, "tooLarge", url, language);
    if (!decodable(url.split("?")[0]!)) return answer(response, 400, "badRequest", url, language);
    next();
  };
}

/**
 * The last handler: whatever Express or a middleware could not handle gets a plain answer
 * with its 4xx status (or 500), never Express's default page, which shows the error's
 * message and stack outside production.
 */
export function cleanErrors(): ErrorRequestHandler {
  return (error: unknown, request, response, next) => {
    if (response.headersSent) return next(error);
    const status = (error as { status?: unknown })?.status;
    const clientError = typeof status === "number" && status >= 400 && status < 500;
    if (!clientError)
      console.error(`[puente] ${(error as Error)?.name ?? "error"} in the HTTP stack`);
    answer(
      response,
      clientError ? status : 500,
      clientError ? (status === 413 ? "tooLarge" : "badRequest") : "serverError",
      request.originalUrl,
      request.get("accept-language"),
    );
  };
}
