import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { isCoalitionStaff } from "~/accounts/permissions";
import { requireActor } from "~/accounts/sessions.server";
import { coalition } from "~/coalition.server";
import { OrganizationPage } from "~/components/OrganizationPage";
import { config } from "~/config.server";
import { db } from "~/db.server";
import { presentOrganizationPage } from "~/directory/organization-view";
import { previewChangeSet } from "~/directory/preview.server";
import { idParam } from "~/http/params.server";
import { orRespond } from "~/http/responses.server";
import { useLocalePath } from "~/i18n/hooks";
import { detectLocale } from "~/i18n/i18n.server";
import { LOCALES } from "~/i18n/locales";
import { metaT } from "~/i18n/meta";
import { PRIVATE_NO_STORE } from "~/security/cache-control";

/** Not public: never stored by any cache, never indexed by a search engine. */
export const headers: HeadersFunction = () => ({
  "Cache-Control": PRIVATE_NO_STORE,
  "X-Robots-Tag": "noindex, nofollow",
});

/**
 * The organization's public page with one pending change applied, for its editors and staff
 * (issue 12 item 9): the approval's own code applied in a transaction that is rolled back.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const changeSetId = idParam(params, "changeSetId");
  const locale = await detectLocale(request, params.lang);
  return orRespond(async () => {
    const preview = await previewChangeSet(db(), { actor, changeSetId, locale });
    const settings = config();
    return {
      view: presentOrganizationPage(preview.page, LOCALES[locale].intl, coalition().timeZone),
      tiles: { url: settings.MAP_TILE_URL, attribution: settings.MAP_TILE_ATTRIBUTION },
      unpublished: preview.unpublished,
      staff: isCoalitionStaff(actor),
    };
  });
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaT(matches, "portal");
  const name = data?.view.organization.name ?? "";
  return [
    { title: `${t("preview.title", { name })} · ${metaT(matches)("site.name")}` },
    { name: "robots", content: "noindex, nofollow" },
  ];
};

export default function ChangePreviewPage() {
  const { view, tiles, unpublished, staff } = useLoaderData<typeof loader>();
  const { t } = useTranslation("portal");
  const href = useLocalePath();
  return (
    <div className="change-preview">
      <div className="preview-banner" role="note" aria-label={t("preview.label")}>
        <p>
          <strong>{t("preview.banner")}</strong> {t("preview.explanation")}
        </p>
        {unpublished ? <p>{t("preview.unpublished")}</p> : null}
        <p>
          <Link to={href(staff ? "/staff/review" : "/portal")}>
            {staff ? t("preview.backToReview") : t("preview.back")}
          </Link>
        </p>
      </div>
      <OrganizationPage
        view={view}
        services={view.services}
        serviceCount={view.services.length}
        tiles={tiles}
      />
    </div>
  );
}
