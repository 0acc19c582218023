import { describe, expect, it } from "vitest";
import { markupOnly } from "~/http/markup-only";

/* A loader's side of "sent once" (app/http/markup-only.tsx). */
describe("markupOnly", () => {
  it("keeps the value for the server's render of a document, and sends null as data", () => {
    const context = { markupOnly: new Map<string, unknown>() };
    const results = [{ name: "Asylum clinic" }];
    expect(markupOnly(context, "search.hits", results)).toBeNull();
    expect(context.markupOnly.get("search.hits")).toBe(results);
  });

  it("sends the value as data on a navigation (no store in the context)", () => {
    const results = [{ name: "Asylum clinic" }];
    expect(markupOnly({}, "search.hits", results)).toBe(results);
    expect(markupOnly(undefined, "search.hits", results)).toBe(results);
  });

  it("sends an empty list as data: an empty element would look like markup lost", () => {
    const context = { markupOnly: new Map<string, unknown>() };
    expect(markupOnly(context, "organization.services", [])).toEqual([]);
    expect(context.markupOnly.size).toBe(0);
  });
});
