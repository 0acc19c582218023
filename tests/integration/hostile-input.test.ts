/**
 * Named regressions for what the fuzz suite (fuzz-routes.test.ts) and the outside fuzzing run
 * found, and the limits on what a request may carry (issue 15); every action's own
 * same-origin check (issue 10.12).
 */
import { randomUUID } from "node:crypto";
import { createRequestHandler } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import { startSession } from "~/accounts/session-store.server";
import { MAX_BODY_BYTES, MAX_URL_BYTES } from "~/http/limits";
import { staffMember } from "../support/factories";
import { useTestEnvironment } from "../support/environment";
import { useHttpServer } from "../support/http-server";
import { routeFiles } from "../support/route-files";

const env = useTestEnvironment();
const server = useHttpServer({ mode: "production" });

function samePost(path: string, contentType: string | undefined, body: string | Buffer) {
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

describe("bodies an action cannot read (these answered 500)", () => {
  for (const path of ["/login", "/forgot-password", "/es/login"]) {
    for (const [contentType, status, body] of [
      ["text/plain", 415, "email=a@example.org"],
      ["application/json", 415, '{"email":"a@example.org"}'],
      [
        "multipart/form-data",
        400,
        "--x\r\nContent-Disposition: form-data; name=email\r\n\r\na\r\n--x--",
      ],
      ["multipart/form-data; boundary=x", 400, "--x\r\nContent-Disposition: form-data\r\n\r\na"],
      [undefined, 415, "email=a@example.org"],
    ] as const) {
      it(`POST ${path} as ${contentType ?? "no content type"} answers ${status} in the visitor's language`, async () => {
        const response = await samePost(path, contentType, body);
        expect(response.status).toBe(status);
        const spanish = path.startsWith("/es");
        expect(response.body).toContain(`<html lang="${spanish ? "es" : "en"}"`);
        const title =
          status === 415
            ? spanish
              ? "No pudimos leer lo que se envió"
              : "We could not read what was sent"
            : spanish
              ? "Algo en la solicitud no estaba bien"
              : "Something in the request was not right";
        expect(response.body).toContain(title);
      });
    }
  }

  it("still signs nobody in and reads a proper form as before", async () => {
    const response = await samePost(
      "/login",
      "application/x-www-form-urlencoded",
      "email=nobody%40example.org&password=wrong-password-123",
    );
    expect(response.status).toBe(400);
    expect(response.body).toContain('<html lang="en"');
  });

  it("reads a multipart form with a boundary, and bytes that are not UTF-8", async () => {
    const multipart = await samePost(
      "/login",
      "multipart/form-data; boundary=x",
      '--x\r\nContent-Disposition: form-data; name="email"\r\n\r\nnobody@example.org\r\n--x--\r\n',
    );
    expect(multipart.status).toBe(400); // the form's own refusal: no password
    const bytes = await samePost(
      "/login",
      "application/x-www-form-urlencoded",
      Buffer.from([0x65, 0x6d, 0x61, 0x69, 0x6c, 0x3d, 0xc3, 0x28, 0xff, 0x25, 0x5a, 0x5a]),
    );
    expect(bytes.status).toBe(400);
  });
});

describe("size limits", () => {
  it(`answers 414 to a URL over ${MAX_URL_BYTES} bytes, in the language of its prefix`, async () => {
    const response = await server.send({ path: `/es/search?q=${"a".repeat(MAX_URL_BYTES)}` });
    expect(response.status).toBe(414);
    expect(response.body).toContain("Demasiado para leer");
  });

  it("answers 431 (Node's parser) to headers over 16 KiB", async () => {
    const response = await server.send({
      path: "/search",
      headers: { "X-Padding": "a".repeat(17 * 1024) },
    });
    expect(response.status).toBe(431);
  });

  it(`answers 413 to a declared body over ${MAX_BODY_BYTES} bytes before reading it`, async () => {
    const response = await samePost(
      "/login",
      "application/x-www-form-urlencoded",
      `email=${"a".repeat(MAX_BODY_BYTES)}`,
    );
    expect(response.status).toBe(413);
    expect(response.body).toContain("Too much to read");
  });

  it("answers 413 to a chunked body that grows past the limit while it is read", async () => {
    const build = await server.build();
    const handler = createRequestHandler(build, "production");
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > MAX_BODY_BYTES * 2) return controller.close();
        sent += 64 * 1024;
        controller.enqueue(new TextEncoder().encode("a=" + "b".repeat(64 * 1024 - 2)));
      },
    });
    const request = new Request("http://localhost/login", {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        "Sec-Fetch-Site": "same-origin",
      },
      body,
      duplex: "half",
    } as RequestInit);
    const response = await handler(request, { cspNonce: "n", clientAddress: "198.51.100.7" });
    expect(response.status).toBe(413);
    expect(sent).toBeLessThan(MAX_BODY_BYTES * 2);
  });
});

describe("URLs and methods no page takes", () => {
  it("lets a form sent by the page's JavaScript (single fetch, /login.data) reach its action", async () => {
    const response = await samePost(
      "/en/login.data",
      "application/x-www-form-urlencoded",
      "email=nobody%40example.org&password=wrong-password-123",
    );
    expect(response.status).not.toBe(405);
    expect(response.status).toBeLessThan(500);
  });

  it("answers 400 to a path whose percent-encoding is not UTF-8, without a stack", async () => {
    for (const path of ["/%ZZ/help", "/es/orgs/%C3%28"]) {
      const response = await server.send({ path, headers: { "Accept-Language": "pl" } });
      expect(response.status).toBe(400);
      expect(response.body).not.toMatch(/URIError|at .+:\d+/);
    }
  });

  it("answers 405 with Allow, in the visitor's language, to a method a page does not take", async () => {
    const remove = await server.send({
      method: "DELETE",
      path: "/es/help",
      headers: { "Sec-Fetch-Site": "same-origin" },
    });
    expect(remove.status).toBe(405);
    expect(remove.headers.allow).toBe("GET, HEAD, POST");
    expect(remove.body).toContain("Esta página no puede hacer eso");
    const post = await samePost("/es/help", "application/x-www-form-urlencoded", "a=1");
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe("GET, HEAD");
    expect(post.body).not.toMatch(/did not provide an `action`|routes\//);
  });

  it("leaves Remix's route discovery (/__manifest) to Remix", async () => {
    const response = await server.send({ path: "/__manifest?p=%2Fen%2Flogin&version=x" });
    expect(response.status).not.toBe(404);
    expect(response.status).toBeLessThan(500);
  });

  it("answers 400 to a legacy data request for a route that does not exist", async () => {
    const response = await server.send({ path: "/es/help?_data=routes%2Fnope" });
    expect(response.status).toBe(400);
    expect(response.body).not.toContain("Unexpected Server Error");
  });
});

describe("every action checks same origin itself (issue 10.12)", () => {
  let staffCookie = "";
  beforeAll(async () => {
    const staff = await staffMember(env().db);
    const setCookie = await startSession(env().db, {
      userId: staff.userId,
      request: new Request("http://localhost/login"),
    });
    staffCookie = setCookie.split(";")[0]!;
  });

  const actions = routeFiles().filter((route) => route.hasAction);
  it("finds the actions", () => expect(actions.length).toBeGreaterThan(15));

  for (const route of actions) {
    it(`refuses a cross-site POST to ${route.file} without the Express guard`, async () => {
      const handler = createRequestHandler(await server.build(), "production");
      const path =
        "/" +
        route.segments
          .map((segment) =>
            segment.kind === "static"
              ? segment.value
              : segment.kind === "param" && segment.name === "lang"
                ? "es"
                : segment.kind === "param" && segment.name === "token"
                  ? "x".repeat(43)
                  : randomUUID(),
          )
          .join("/");
      // Headers Remix's own origin check lets through (it compares Origin with Host only),
      // so that what answers is the action's own check.
      for (const headers of [
        {} as Record<string, string>,
        { "Sec-Fetch-Site": "cross-site", Origin: "http://localhost" },
        { "Sec-Fetch-Site": "same-site", Origin: "http://localhost" },
      ]) {
        const request = new Request(`http://localhost${path}${route.index ? "?index" : ""}`, {
          method: "POST",
          headers: {
            ...headers,
            Host: "localhost",
            Cookie: staffCookie,
            "Content-Type": "application/x-www-form-urlencoded",
          },
          body: "intent=save",
        });
        const response = await handler(request, { cspNonce: "n", clientAddress: "198.51.100.7" });
        expect(response.status, `${path} with ${JSON.stringify(headers)}`).toBe(403);
      }
    });
  }
});
