import { describe, expect, it } from "vitest";
import { takeConsoleErrors } from "../support/fail-on-console-error";
import { useTestEnvironment } from "../support/environment";
import { useHttpServer } from "../support/http-server";

useTestEnvironment();
const server = useHttpServer();

function samePost(path: string, contentType: string | undefined, body: string) {
  return server.send({
    method: "POST",
    path,
    headers: {
      Origin: server.base(),
      "Sec-Fetch-Site": "same-origin",
      ...(contentType ? { "Content-Type": contentType } : {}),
    },
    body,
  });
}

describe("bodies an action cannot read (issue 15: these answered 500)", () => {
  for (const path of ["/login", "/forgot-password"]) {
    for (const [contentType, body] of [
      ["text/plain", "email=a@example.org"],
      ["application/json", '{"email":"a@example.org"}'],
      ["multipart/form-data", "--x\r\nContent-Disposition: form-data; name=email\r\n\r\na\r\n--x--"],
    ] as const) {
      it(`POST ${path} as ${contentType} is refused with a 4xx, not a 500`, async () => {
        const response = await samePost(path, contentType, body);
        takeConsoleErrors();
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
      });
    }
  }
});
