import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { OrganizationPage } from "~/components/OrganizationPage";
import { coalition } from "~/coalition.server";
import { config } from "~/config.server";
import { db } from "~/db.server";
import { markupOnly, useMarkupOnly } from "~/http/markup-only";
import { presentOrganizationPage } from "~/directory/organization-view";
import { getPublishedOrganizationPage } from "~/directory/organizations.server";
import { detectLocale } from "~/i18n/i18n.server";
import { LOCALES } from "~/i18n/locales";
import { metaT, pageTitle } from "~/i18n/meta";
import { privatePageHeaders } from "~/security/cache-control";

// Reached from a search, and offers "Refer" to staff: kept out of caches like the search.
export const headers = privatePageHeaders;

const slugSchema = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const locale = await detectLocale(request, params.lang);
  const slug = slugSchema.safeParse(params.slug);
  const page = slug.success
    ? await getPublishedOrganizationPage(db(), slug.data, locale)
    : undefined;
  if (!page) throw new Response("Not found", { status: 404 });
  const settings = config();
  const { services, ...view } = presentOrganizationPage(
    page,
    LOCALES[locale].intl,
    coalition().timeZone,
  );
  return {
    view,
    // Sent once: as markup on a document request, as data on a navigation.
    services: markupOnly(context, "organization.services", services),
    serviceCount: services.length,
    tiles: { url: settings.MAP_TILE_URL, attribution: settings.MAP_TILE_ATTRIBUTION },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  if (!data) return pageTitle(matches, "errors.notFound.title");
  const { organization } = data.view;
  const title = `${organization.name} · ${metaT(matches)("site.name")}`;
  // What a messaging app shows when the page is shared.
  const description = organization.description?.text.slice(0, 200) ?? "";
  return [
    { title },
    { property: "og:title", content: organization.name },
    ...(description
      ? [
          { name: "description", content: description },
          { property: "og:description", content: description },
        ]
      : []),
  ];
};

export default function OrganizationRoute() {
  const loaded = useLoaderData<typeof loader>();
  const services = useMarkupOnly("organization.services", loaded.services);
  return (
    <OrganizationPage
      view={loaded.view}
      services={services}
      serviceCount={loaded.serviceCount}
      tiles={loaded.tiles}
    />
  );
}
