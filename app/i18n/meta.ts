import type { MetaDescriptor } from "@remix-run/node";
import type { Resource, TFunction } from "i18next";
import { translationsAtHand } from "./bundles";
import { i18nFor } from "./instance";
import { DEFAULT_LOCALE, isLocale, type NamespaceGroup } from "./locales";

type Match = { id: string; data: unknown };

const NO_RESOURCES: Resource = {};

/** A translator for `meta` functions, from the root loader's data. */
export function metaT(matches: Match[], namespace = "common"): TFunction {
  const root = matches.find((match) => match.id === "root")?.data as
    { locale?: unknown; group?: NamespaceGroup } | undefined;
  const locale = isLocale(root?.locale) ? root.locale : DEFAULT_LOCALE;
  const resources = translationsAtHand(locale, root?.group ?? "public") ?? NO_RESOURCES;
  return i18nFor(locale, resources).getFixedT(locale, namespace);
}

/** `<title>` as "Page · Puente", translated. */
export function pageTitle(matches: Match[], key: string, namespace = "common"): MetaDescriptor[] {
  const t = metaT(matches, namespace);
  const site = metaT(matches)("site.name");
  return [{ title: `${t(key)} · ${site}` }];
}
