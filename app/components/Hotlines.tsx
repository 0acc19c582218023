import { useTranslation } from "react-i18next";
import { HOTLINES } from "~/directory/hotlines";

export function Hotlines({ headingLevel = 2 }: { headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const Heading = `h${headingLevel}` as const;
  return (
    <section className="hotlines" aria-labelledby="hotlines-heading">
      <Heading id="hotlines-heading">{t("hotlines.heading")}</Heading>
      <ul>
        {HOTLINES.map((hotline) => (
          <li key={hotline.id}>
            <strong>{t(`hotlines.${hotline.id}.name`)}</strong>{" "}
            <a href={`tel:${hotline.tel}`} dir="ltr">
              {hotline.phone}
            </a>
            <br />
            <span>{t(`hotlines.${hotline.id}.description`)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
