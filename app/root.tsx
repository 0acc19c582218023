import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import type { ClientLoaderFunctionArgs } from "@remix-run/react";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useRouteLoaderData,
  type ShouldRevalidateFunction,
} from "@remix-run/react";
import { useMemo, type ReactNode } from "react";
import { I18nextProvider, useTranslation } from "react-i18next";
import { getActor, publicUser } from "~/accounts/sessions.server";
import { coalitionForPages } from "~/coalition.server";
import { db } from "~/db.server";
import type { PublicUser } from "~/accounts/public-user";
import { logError } from "~/error-log.server";

import { GeneralErrorBoundary } from "~/components/GeneralErrorBoundary";
import { FlashMessage, type FlashData } from "~/components/FlashMessage";
import { SiteFooter, SiteHeader } from "~/components/SiteChrome";
import { detectLocale, localeCookie, localeSetCookie } from "~/i18n/i18n.server";
import { fontStylesheetsFor } from "~/i18n/fonts";
import { loadTranslations, translationsAtHand } from "~/i18n/bundles";
import { i18nFor } from "~/i18n/instance";
import {
  DEFAULT_LOCALE,
  directionOf,
  isLocale,
  namespaceGroupOf,
  type Locale,
  type NamespaceGroup,
} from "~/i18n/locales";
import { consumeFlash } from "~/flash.server";
import { useNonce } from "~/security/nonce";
import stylesheet from "~/styles/app.css?url";
import printStylesheet from "~/styles/print.css?url";

/** No words at hand (cannot happen once the entry has loaded the page's language). */
const NO_TRANSLATIONS = {};

/**
 * The language of a page whose root loader failed: English on the server, and in the browser
 * the language the entry loaded for this page (so the error page hydrates in the same words).
 */
function pageLocale(): Locale {
  if (typeof document === "undefined") return DEFAULT_LOCALE;
  const { lang } = document.documentElement;
  return isLocale(lang) ? lang : DEFAULT_LOCALE;
}

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "stylesheet", href: printStylesheet, media: "print" },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  // An unknown prefix is answered with a 404 by the ($lang) layout, inside this chrome.
  const urlLocale = isLocale(params.lang) ? params.lang : undefined;
  const locale = await detectLocale(request, urlLocale);
  const headers = new Headers();
  // Remember an explicit choice (a link with a language prefix) for unprefixed entry points.
  if (urlLocale) {
    const current: unknown = await localeCookie.parse(request.headers.get("Cookie"));
    if (current !== locale) headers.append("Set-Cookie", await localeSetCookie(locale, request));
  }
  // The chrome (hotlines, help) must render even when the database does not answer: the
  // account menu then shows "Sign in", and pages that need an account fail on their own.
  const [actor, coalitionSettings] = await Promise.all([
    getActor(request).catch((error: unknown) => {
      logError("root (reading the session)", error);
      return null;
    }),
    coalitionForPages(db()),
  ]);
  const { flash, setCookie } = consumeFlash(request, locale);
  if (setCookie) headers.append("Set-Cookie", setCookie);
  return Response.json(
    {
      locale,
      dir: directionOf(locale),
      group: namespaceGroupOf(new URL(request.url).pathname),
      user: actor ? publicUser(actor) : null,
      flash,
      // Time zone, staleness, map centre, hotlines: nothing secret, all shown in pages.
      coalition: coalitionSettings,
    },
    { headers },
  );
}

/**
 * Translations only change with the language or the area (public or member pages); skip the
 * root loader otherwise. Actions always revalidate it (sign-in state, flash messages).
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({
  currentParams,
  nextParams,
  currentUrl,
  nextUrl,
  formMethod,
  defaultShouldRevalidate,
}) => {
  if (formMethod && formMethod !== "GET") return defaultShouldRevalidate;
  return (
    currentParams.lang !== nextParams.lang ||
    namespaceGroupOf(currentUrl.pathname) !== namespaceGroupOf(nextUrl.pathname)
  );
};

/**
 * In the browser, a new language or area needs its translations before the page renders in
 * it: they are loaded (once, then cached) while the root loader's data arrives. The first
 * page's are loaded before hydration (entry.client.tsx). When they cannot be fetched (a lost
 * connection, a new deployment), the browser loads the page itself: the server renders it in
 * full, rather than the app showing it without words.
 */
export async function clientLoader({ request, serverLoader }: ClientLoaderFunctionArgs) {
  const data = await serverLoader<RootData>();
  try {
    await loadTranslations(data.locale, data.group);
  } catch {
    window.location.assign(request.url);
    return new Promise<never>(() => {});
  }
  return data;
}

export type RootData = {
  locale: Locale;
  dir: "ltr" | "rtl";
  /** Which translations the page uses (app/i18n/bundles.ts): public pages need fewer. */
  group: NamespaceGroup;
  /** The signed-in person's public fields (account menu), or null. */
  user: PublicUser | null;
  /** A one-time message from the redirect that led here (app/flash.server.ts). */
  flash: FlashData | null;
};

export function useRootData(): RootData | undefined {
  return useRouteLoaderData<RootData>("root");
}

function Document({
  children,
  locale,
  dir,
  group,
}: {
  children: ReactNode;
  locale: Locale;
  dir: string;
  group: NamespaceGroup;
}) {
  const nonce = useNonce();
  return (
    <html lang={locale} dir={dir} data-translations={group}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <Meta />
        <Links />
        {fontStylesheetsFor(locale).map((href) => (
          <link key={href} rel="stylesheet" href={href} />
        ))}
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

function Chrome({ children, flash }: { children: ReactNode; flash?: FlashData | null }) {
  const { t } = useTranslation();
  return (
    <>
      <a className="skip-link" href="#main">
        {t("nav.skipToContent")}
      </a>
      <SiteHeader />
      <main id="main" tabIndex={-1}>
        <FlashMessage flash={flash} />
        {children}
      </main>
      <SiteFooter />
    </>
  );
}

export default function App() {
  const { locale, dir, group, flash } = useLoaderData<RootData>();
  const i18n = i18nFor(locale, translationsAtHand(locale, group) ?? NO_TRANSLATIONS);
  return (
    <I18nextProvider i18n={i18n}>
      <Document locale={locale} dir={dir} group={group}>
        <Chrome flash={flash}>
          <Outlet />
        </Chrome>
      </Document>
    </I18nextProvider>
  );
}

export function ErrorBoundary() {
  const root = useRootData();
  // When the root loader itself failed there is no loader data (see pageLocale).
  const locale = root?.locale ?? pageLocale();
  const group = root?.group ?? "public";
  const i18n = useMemo(
    () => i18nFor(locale, translationsAtHand(locale, group) ?? NO_TRANSLATIONS),
    [locale, group],
  );
  return (
    <I18nextProvider i18n={i18n}>
      <Document locale={locale} dir={root?.dir ?? directionOf(locale)} group={group}>
        <Chrome>
          <GeneralErrorBoundary />
        </Chrome>
      </Document>
    </I18nextProvider>
  );
}
