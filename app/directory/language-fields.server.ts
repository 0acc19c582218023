import type { Params } from "@remix-run/react";
import { detectLocale } from "~/i18n/i18n.server";
import { languageNames } from "~/i18n/language-names";
import { resolveLanguageNames, suggestLanguages } from "~/i18n/language-lookup.server";
import { LOCALES } from "~/i18n/locales";
import { phoneSchemaWith, serviceSchemaWith, type LanguageResolver } from "./forms";

/*
 * Languages on the listing forms are typed or picked by name, in the editor's interface
 * language (issue 12 item 8); the forms' schemas turn them into codes with this resolver.
 */

async function editorIntl(request: Request, params: Params): Promise<string> {
  return LOCALES[await detectLocale(request, params.lang)].intl;
}

function resolverFor(intl: string): LanguageResolver {
  return (names) => resolveLanguageNames(names, intl);
}

/** The service form's schema, knowing language names in the editor's language. */
export async function serviceSchemaFor(request: Request, params: Params) {
  return serviceSchemaWith(resolverFor(await editorIntl(request, params)));
}

/** The phone form's schema, knowing language names in the editor's language. */
export async function phoneSchemaFor(request: Request, params: Params) {
  return phoneSchemaWith(resolverFor(await editorIntl(request, params)));
}

/** Names of stored language codes for the forms to show ("Mam" for mam), capitalized. */
export async function formLanguageNames(
  request: Request,
  params: Params,
  codes: Iterable<string>,
): Promise<Record<string, string>> {
  return languageNames(new Set(codes), await editorIntl(request, params));
}

/** Type-ahead suggestions for the language picker, in the editor's language. */
export async function languageSuggestions(request: Request, params: Params, query: string) {
  return suggestLanguages(query.slice(0, 100), await editorIntl(request, params));
}
