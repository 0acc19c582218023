import { useTranslation } from "react-i18next";
import type { Hotline } from "~/coalition";
import { useLocale } from "~/i18n/hooks";
import { useCoalition } from "~/use-coalition";

export function Hotlines({ headingLevel = 2 }: { headingLevel?: 2 | 3 }) {
  const { t, i18n } = useTranslation();
  const locale = useLocale();
  const { hotlines } = useCoalition();
  const Heading = `h${headingLevel}` as const;
  // Configured texts in the visitor's language, else English; built-in ids are translated.
  const text = (hotline: Hotline, part: "name" | "description") =>
    hotline[part]?.[locale] ??
    hotline[part]?.en ??
    (i18n.exists(`hotlines.${hotline.id}.${part}`) ? t(`hotlines.${hotline.id}.${part}`) : "");
  return (
    <section className="hotlines" aria-labelledby="hotlines-heading">
      <Heading id="hotlines-heading">{t("hotlines.heading")}</Heading>
      <ul>
        {hotlines.map((hotline) => (
          <li key={hotline.id}>
            <strong>{text(hotline, "name")}</strong>{" "}
            <a href={`tel:${hotline.tel}`} dir="ltr">
              {hotline.phone}
            </a>
            <br />
            <span>{text(hotline, "description")}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
