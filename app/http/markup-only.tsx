import type { AppLoadContext } from "@remix-run/node";
import { useNavigate, useRevalidator } from "@remix-run/react";
import {
  createContext,
  forwardRef,
  useContext,
  useEffect,
  useRef,
  type HTMLAttributes,
  type MouseEvent,
  type ReactNode,
} from "react";

/*
 * Data a page sends once, as markup (issue 14: the search page sent its 20 results twice, once
 * as HTML and once again as loader data for React to hydrate them, 19 kB of a 89 kB page).
 *
 * On a document request, a loader hands such data to `markupOnly`: it is kept in the request's
 * load context for the server's render (server/app.ts makes the store, app/entry.server.tsx
 * provides it to React) and the loader data carries null instead. The component reads it with
 * `useMarkupOnly` and renders it inside `<ServerMarkup>`, which the browser does not hydrate: it
 * keeps the server's HTML as it is. On a client-side navigation (a `.data` request) there is no
 * store, the loader data carries the value, and the same component renders it in the browser.
 *
 * What stays unhydrated has no React event handlers of its own: `<ServerMarkup>` follows its
 * links inside the app (as `<Link>` would), and the component listens on the element (events
 * bubble to it) and reads the DOM for anything else it needs.
 */

const MarkupOnlyContext = createContext<ReadonlyMap<string, unknown> | undefined>(undefined);

/** Gives the server's render what the loaders kept for the markup (app/entry.server.tsx). */
export const MarkupOnlyProvider = MarkupOnlyContext.Provider;

/**
 * In a loader: `value` itself for the loader data, or null when this request renders a document,
 * in which case the value is kept for the server's render only.
 */
export function markupOnly<T>(
  context: AppLoadContext | undefined,
  key: string,
  value: T,
): T | null {
  // An empty list costs nothing as data, and its empty element would look like markup lost.
  if (!context?.markupOnly || (Array.isArray(value) && value.length === 0)) return value;
  context.markupOnly.set(key, value);
  return null;
}

/**
 * In a component: the loader's value when it sent one; on the server, what the loader kept for
 * the markup; in the browser after a document request, undefined: the markup is already there.
 */
export function useMarkupOnly<T>(key: string, fromLoader: T | null): T | undefined {
  const kept = useContext(MarkupOnlyContext);
  if (fromLoader !== null) return fromLoader;
  return kept?.get(key) as T | undefined;
}

/**
 * A `<div>` holding `children`; without children (in the browser, after a document request), it
 * keeps the HTML the server put in it, which React neither hydrates nor replaces. A plain click
 * on a link to another page of this site inside it navigates in the app, without loading a
 * whole document.
 */
export const ServerMarkup = forwardRef<
  HTMLDivElement,
  HTMLAttributes<HTMLDivElement> & { children: ReactNode | undefined }
>(function ServerMarkup({ children, ...props }, ref) {
  const element = useRef<HTMLDivElement | null>(null);
  const { revalidate } = useRevalidator();
  const navigate = useNavigate();
  const keepsServerMarkup = children === undefined;
  // Had React rendered the page anew in the browser (after an error while hydrating) there
  // would be no server markup to keep: ask for the loader data, which then holds the value.
  useEffect(() => {
    if (keepsServerMarkup && element.current?.childElementCount === 0) revalidate();
  }, [keepsServerMarkup, revalidate]);
  const refs = (node: HTMLDivElement | null) => {
    element.current = node;
    if (typeof ref === "function") ref(node);
    else if (ref) ref.current = node;
  };
  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    props.onClick?.(event);
    const link = (event.target as Element).closest("a");
    if (!link || !isPlainClickToAnotherPage(event, link)) return;
    event.preventDefault();
    navigate(link.pathname + link.search + link.hash);
  };
  // Two keys: going from the server's markup to children rendered here replaces the element.
  if (keepsServerMarkup) {
    return (
      // The clicks handled are on links inside (Enter on a link is a click too).
      // eslint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/no-static-element-interactions
      <div
        key="server"
        ref={refs}
        {...props}
        onClick={onClick}
        dangerouslySetInnerHTML={{ __html: "" }}
        suppressHydrationWarning
      />
    );
  }
  return (
    // eslint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/no-static-element-interactions
    <div key="browser" ref={refs} {...props} onClick={onClick}>
      {children}
    </div>
  );
});

/**
 * A left click without a modifier key, not handled yet (a `<Link>` handles its own), on a link
 * to another page of this site, in this tab. A link to a place on the same page is left to the
 * browser.
 */
function isPlainClickToAnotherPage(event: MouseEvent, link: HTMLAnchorElement): boolean {
  const here = window.location;
  return (
    !event.defaultPrevented &&
    event.button === 0 &&
    !(event.metaKey || event.altKey || event.ctrlKey || event.shiftKey) &&
    !link.target &&
    !link.hasAttribute("download") &&
    link.origin === here.origin &&
    !(link.pathname === here.pathname && link.search === here.search)
  );
}
