import { createCookie, redirect } from "@remix-run/node";
import { z } from "zod";

/**
 * One-time messages shown after a redirect ("Your changes were sent for review"). The cookie
 * holds only a translation key and a few values; it is read and cleared by the next page.
 * A tampered cookie can at most show another of our own messages, so it is not signed.
 */
const flashSchema = z.object({
  kind: z.enum(["success", "info"]),
  key: z.string().regex(/^(portal|staff):flash\.[A-Za-z]+$/),
  values: z.record(z.string().max(200)).optional(),
});
export type Flash = z.infer<typeof flashSchema>;

const flashCookie = createCookie("flash", {
  path: "/",
  httpOnly: true,
  sameSite: "lax",
  maxAge: 60,
});

/** A redirect that shows `flash` once on the page it leads to. */
export async function redirectWithFlash(url: string, flash: Flash): Promise<Response> {
  return redirect(url, { headers: { "Set-Cookie": await flashCookie.serialize(flash) } });
}

/** The pending message, if any, and the header that clears it. */
export async function consumeFlash(
  request: Request,
): Promise<{ flash: Flash | null; headers: Headers }> {
  const headers = new Headers();
  const raw: unknown = await flashCookie.parse(request.headers.get("Cookie"));
  if (raw === null || raw === undefined) return { flash: null, headers };
  headers.append("Set-Cookie", await flashCookie.serialize("", { maxAge: 0 }));
  const parsed = flashSchema.safeParse(raw);
  return { flash: parsed.success ? parsed.data : null, headers };
}
