import { detectLocale, localeFromUrl } from "~/i18n/i18n.server";
import { assertSameOrigin } from "~/security/csrf.server";
import { DomainError } from "./errors";
import { MAX_BODY_BYTES } from "./limits";
import { refusalResponse } from "./responses.server";

const FORM_TYPES = new Set(["application/x-www-form-urlencoded", "multipart/form-data"]);

function refuse(status: 400 | 413 | 415, kind: string): never {
  throw new DomainError(status, `errors.${kind}.body`);
}

/** The body, read to the end but never past `limit` bytes (a Content-Length can lie or be absent). */
async function readLimited(request: Request, limit: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  if (declared > limit) refuse(413, "tooLarge");
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) break;
      chunks.push(value);
    }
  } catch {
    refuse(400, "badRequest"); // the connection broke, or the body is not what it claims
  }
  if (size > limit) {
    await reader.cancel().catch(() => {});
    refuse(413, "tooLarge");
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * The one way an action reads what was posted. It checks first that a browser sent the request
 * from this site (403), then reads a form (urlencoded, or multipart with a boundary) of at
 * most MAX_BODY_BYTES, answering 415 for any other kind of body, 413 for one too large and
 * 400 for one it cannot read. It never throws anything but those answers, so no body can
 * make an action fail with a 500. Bytes that are not UTF-8 become U+FFFD, as browsers do.
 */
export async function readForm(
  request: Request,
  options: { maxBytes?: number } = {},
): Promise<FormData> {
  assertSameOrigin(request);
  try {
    return await parseForm(request, options.maxBytes ?? MAX_BODY_BYTES);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    throw refusalResponse(error, await detectLocale(request, localeFromUrl(request)));
  }
}

async function parseForm(request: Request, maxBytes: number): Promise<FormData> {
  const contentType = request.headers.get("Content-Type") ?? "";
  const mediaType = contentType.split(";")[0]!.trim().toLowerCase();
  if (!FORM_TYPES.has(mediaType)) refuse(415, "unsupportedMediaType");
  const bytes = await readLimited(request, maxBytes);

  if (mediaType === "application/x-www-form-urlencoded") {
    const form = new FormData();
    const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
    for (const [name, value] of new URLSearchParams(text)) form.append(name, value);
    return form;
  }
  if (!/;\s*boundary=/i.test(contentType)) refuse(400, "badRequest");
  try {
    return await new Response(Buffer.from(bytes), {
      headers: { "Content-Type": contentType },
    }).formData();
  } catch {
    refuse(400, "badRequest");
  }
}
