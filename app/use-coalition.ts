import { useRouteLoaderData } from "@remix-run/react";
import { DEFAULT_COALITION, type CoalitionSettings } from "~/coalition";

/** The coalition settings, in any component (from the root loader's data). */
export function useCoalition(): CoalitionSettings {
  // Without root data (the root loader itself failed) the built-in defaults still give the
  // error page its hotlines.
  return (
    useRouteLoaderData<{ coalition?: CoalitionSettings }>("root")?.coalition ?? DEFAULT_COALITION
  );
}
