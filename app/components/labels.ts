import { useMemo } from "react";
import { useCoalition } from "~/use-coalition";
import { useTranslation } from "react-i18next";
import { useLocale } from "~/i18n/hooks";
import { LOCALES } from "~/i18n/locales";
import { isCountyCode } from "#db/codes/counties";

/**
 * How codes are shown to people: vocabulary codes through `vocabulary:<group>.<code>`,
 * language tags through `vocabulary:language.<tag>` (the code itself for rarer languages:
 * Intl.DisplayNames differs between Node and browsers and would break hydration), counties by
 * their vocabulary names, dates in the interface language and the coalition's time zone.
 */
export function useLabels() {
  const { t, i18n } = useTranslation("vocabulary");
  const locale = useLocale();
  const { timeZone } = useCoalition();
  return useMemo(() => {
    const intl = LOCALES[locale].intl;
    const dates = new Intl.DateTimeFormat(intl, {
      dateStyle: "medium",
      timeZone,
    });
    const dateTimes = new Intl.DateTimeFormat(intl, {
      dateStyle: "medium",
      timeStyle: "short",
      timeZone,
    });
    const language = (code: string) =>
      i18n.exists(`vocabulary:language.${code}`) ? t(`language.${code}`) : code;
    return {
      vocabulary: (group: string, code: string) => t(`${group}.${code}`),
      language,
      county: (code: string) => (isCountyCode(code) ? t(`county.${code}`) : code),
      /** An ISO day ("2026-06-30") as a date, without time-zone shifts. */
      day: (iso: string) => dates.format(new Date(`${iso}T12:00:00Z`)),
      dateTime: (iso: string) => dateTimes.format(new Date(iso)),
    };
  }, [t, i18n, locale, timeZone]);
}
