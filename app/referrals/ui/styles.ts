import type { LinksFunction } from "@remix-run/node";
import stylesheet from "~/styles/referrals.css?url";

/** The referral pages' stylesheet, linked only from those routes. */
export const referralLinks: LinksFunction = () => [{ rel: "stylesheet", href: stylesheet }];
