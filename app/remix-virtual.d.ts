// Types for modules that exist only at build time (see app/entry.server.tsx).

declare module "react-dom/server.browser" {
  export { renderToReadableStream } from "react-dom/server";
}

/** Remix's server manifest (Vite plugin): the route tree, as data. */
declare module "virtual:remix/server-manifest" {
  const manifest: {
    routes: Record<
      string,
      { id: string; parentId?: string; path?: string; index?: boolean; caseSensitive?: boolean }
    >;
  };
  export default manifest;
}
