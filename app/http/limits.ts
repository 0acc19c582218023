/**
 * How much a request may carry. Every form in Puente is a few kilobytes of text (the longest,
 * a service with descriptions in a dozen languages, stays under 100 KiB); a search URL with
 * every filter set stays under 2 KiB. Anything beyond these is refused before it is read:
 * 413 for a body, 414 for a URL. Headers over 16 KiB (Node's default `maxHeaderSize`, which
 * also counts the request line) are answered 431 by Node's HTTP parser before Express runs.
 */
export const MAX_BODY_BYTES = 256 * 1024;
export const MAX_URL_BYTES = 8 * 1024;

/** A directory uploaded to /staff/import (JSON, CSV or zip), sent twice: checked, then applied. */
export const MAX_IMPORT_BYTES = 24 * 1024 * 1024;
