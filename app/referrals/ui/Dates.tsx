import { useCoalition } from "~/use-coalition";
import { useLocale } from "~/i18n/hooks";
import { LOCALES } from "~/i18n/locales";

/*
 * Dates are formatted with Intl on the server and again in the browser; their ICU data may
 * differ in small ways (spaces, abbreviations), so the server's text is kept on hydration.
 */

/** A calendar date (YYYY-MM-DD): "March 14, 2031" / "14 de marzo de 2031". */
export function DateText({ value }: { value: string }) {
  const intl = LOCALES[useLocale()].intl;
  const text = new Intl.DateTimeFormat(intl, { dateStyle: "long", timeZone: "UTC" }).format(
    new Date(`${value.slice(0, 10)}T12:00:00Z`),
  );
  return (
    <time dateTime={value.slice(0, 10)} suppressHydrationWarning>
      {text}
    </time>
  );
}

/** An instant, in the coalition's time zone. */
export function DateTimeText({ value }: { value: string }) {
  const intl = LOCALES[useLocale()].intl;
  const { timeZone } = useCoalition();
  const text = new Intl.DateTimeFormat(intl, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone,
  }).format(new Date(value));
  return (
    <time dateTime={value} suppressHydrationWarning>
      {text}
    </time>
  );
}
