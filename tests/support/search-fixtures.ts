import type { Database } from "~/db.server";
import {
  createLocation,
  createOrganization,
  createPhone,
  createService,
  seedTaxonomy,
} from "./factories";

const WEEKDAYS = [1, 2, 3, 4, 5];
const daysAgo = (days: number) =>
  new Date(Date.now() - days * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);

/**
 * A small directory around Corona, Queens (ZIP 11368) for search tests:
 *
 * - Queens Immigrant Legal Center: Asylum Clinic at Corona (~0.1 mi) and Jackson Heights
 *   (~1.1 mi); Adjustment of Status Workshop at Corona; a paused asylum service.
 * - Bronx Immigrant Defenders (last verified a year ago): Removal Defense Project (detained,
 *   Saturday hours at its office), Naturalization Workshops.
 * - Safe Harbor: a service for survivors at a confidential location in Queens.
 * - Statewide Immigrant Hotline: phone/remote only, statewide.
 * - Long Island Asylum Project in Hempstead (~13 mi); Hudson Valley TPS in Newburgh (~55 mi).
 * - A draft organization with an active asylum service (never shown).
 */
export async function createSearchScenario(db: Database) {
  await seedTaxonomy(db);

  const queens = await createOrganization(db, {
    slug: "queens-legal",
    name: "Queens Immigrant Legal Center",
    description: "Community legal services for immigrants in Queens.",
    translations: [{ locale: "es", description: "Servicios legales comunitarios en Queens." }],
  });
  const corona = await createLocation(db, {
    organizationId: queens.id,
    address1: "37-20 Junction Blvd",
    city: "Corona",
    county: "36081",
    postalCode: "11368",
    latitude: 40.748,
    longitude: -73.862,
  });
  const jacksonHeights = await createLocation(db, {
    organizationId: queens.id,
    address1: "82-11 37th Ave",
    city: "Jackson Heights",
    county: "36081",
    postalCode: "11372",
    latitude: 40.7517,
    longitude: -73.8836,
  });
  await createPhone(db, { organizationId: queens.id, number: "(718) 555-0101" });
  const asylumClinic = await createService(db, {
    organizationId: queens.id,
    name: "Asylum Clinic",
    description: "Help preparing asylum applications and representation.",
    categories: ["asylum"],
    languages: ["en", "es", "zh-Hans"],
    fees: "free",
    acceptingNewClients: true,
    takesDetainedCases: false,
    deliveryMethods: ["in_person"],
    providerTypes: ["attorney"],
    populations: ["families"],
    courtsServed: ["nyc_26_federal_plaza"],
    locationIds: [corona.id, jacksonHeights.id],
    hours: WEEKDAYS.map((weekday) => ({ weekday, opensAt: "09:00", closesAt: "17:00" })),
    translations: [
      {
        locale: "es",
        name: "Clínica de asilo",
        description: "Ayuda para preparar solicitudes de asilo y representación.",
      },
    ],
  });
  const adjustment = await createService(db, {
    organizationId: queens.id,
    name: "Adjustment of Status Workshop",
    description: "Workshops on applying to become a lawful permanent resident through family.",
    categories: ["family_petitions"],
    languages: ["en", "ko"],
    fees: "sliding_scale",
    acceptingNewClients: false,
    deliveryMethods: ["in_person", "remote"],
    providerTypes: ["accredited_representative"],
    populations: ["workers"],
    locationIds: [corona.id],
  });
  const paused = await createService(db, {
    organizationId: queens.id,
    name: "Paused Asylum Intake",
    status: "paused",
    categories: ["asylum"],
    locationIds: [corona.id],
  });

  const bronx = await createOrganization(db, {
    slug: "bronx-defenders",
    name: "Bronx Immigrant Defenders",
    description: "Deportation defense in the Bronx.",
    assuredDate: daysAgo(365),
  });
  const bronxOffice = await createLocation(db, {
    organizationId: bronx.id,
    address1: "360 E 161st St",
    city: "Bronx",
    county: "36005",
    postalCode: "10451",
    latitude: 40.8262,
    longitude: -73.9196,
  });
  const removal = await createService(db, {
    organizationId: bronx.id,
    name: "Removal Defense Project",
    description: "Representation in immigration court for people held by ICE.",
    categories: ["removal_defense_detained"],
    languages: ["en", "es", "fr"],
    fees: "free",
    takesDetainedCases: true,
    deliveryMethods: ["in_person", "phone"],
    providerTypes: ["attorney"],
    populations: ["detained"],
    courtsServed: ["nyc_varick_detained"],
    locationIds: [bronxOffice.id],
    hours: [
      { weekday: 6, opensAt: "10:00", closesAt: "14:00", locationId: bronxOffice.id },
      { weekday: 1, opensAt: "09:00", closesAt: "12:00" },
    ],
  });
  const naturalization = await createService(db, {
    organizationId: bronx.id,
    name: "Naturalization Workshops",
    description: "Prepare your N-400 with volunteers.",
    categories: ["naturalization"],
    languages: ["en", "bn", "ar"],
    fees: "fee",
    providerTypes: ["accredited_representative"],
    locationIds: [bronxOffice.id],
  });

  const safeHarbor = await createOrganization(db, {
    slug: "safe-harbor",
    name: "Safe Harbor",
    description: "Shelter and legal help for survivors.",
  });
  const shelter = await createLocation(db, {
    organizationId: safeHarbor.id,
    name: "Safe house",
    address1: "99 Hidden Lane",
    city: "Flushing",
    county: "36081",
    postalCode: "11354",
    latitude: 40.76,
    longitude: -73.83,
    confidential: true,
  });
  const survivors = await createService(db, {
    organizationId: safeHarbor.id,
    name: "Legal Help for Survivors",
    description: "VAWA self-petitions and U visas.",
    categories: ["vawa", "u_visa"],
    languages: ["en", "es"],
    populations: ["survivors"],
    locationIds: [shelter.id],
  });

  const hotlineOrg = await createOrganization(db, {
    slug: "statewide-hotline",
    name: "Statewide Immigrant Hotline",
    description: "Free, confidential answers by phone.",
  });
  await createPhone(db, {
    organizationId: hotlineOrg.id,
    number: "1-800-555-0199",
    type: "hotline",
  });
  const hotline = await createService(db, {
    organizationId: hotlineOrg.id,
    name: "Immigration Hotline",
    description: "Know your rights and referrals by phone.",
    categories: ["consultations", "know_your_rights"],
    languages: ["en", "es", "zh-Hans", "ru", "ar", "bn", "ht"],
    deliveryMethods: ["phone", "remote"],
    areas: ["statewide"],
    hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
      weekday,
      opensAt: "08:00",
      closesAt: "20:00",
    })),
  });

  const longIsland = await createOrganization(db, {
    slug: "long-island-asylum",
    name: "Long Island Asylum Project",
  });
  const hempstead = await createLocation(db, {
    organizationId: longIsland.id,
    address1: "50 Clinton St",
    city: "Hempstead",
    county: "36059",
    postalCode: "11550",
    latitude: 40.7062,
    longitude: -73.6187,
  });
  const longIslandAsylum = await createService(db, {
    organizationId: longIsland.id,
    name: "Asylum Representation",
    categories: ["asylum"],
    languages: ["es"],
    locationIds: [hempstead.id],
  });

  const hudson = await createOrganization(db, {
    slug: "hudson-valley",
    name: "Hudson Valley Legal",
  });
  const newburgh = await createLocation(db, {
    organizationId: hudson.id,
    address1: "1 Broadway",
    city: "Newburgh",
    county: "36071",
    postalCode: "12550",
    latitude: 41.5034,
    longitude: -74.0104,
  });
  const tps = await createService(db, {
    organizationId: hudson.id,
    name: "TPS Renewals",
    categories: ["tps", "work_permits"],
    courtsServed: ["orange_county_jail"],
    locationIds: [newburgh.id],
  });

  const draft = await createOrganization(db, {
    slug: "draft-org",
    name: "Draft Org",
    status: "draft",
  });
  const draftLocation = await createLocation(db, { organizationId: draft.id });
  const draftService = await createService(db, {
    organizationId: draft.id,
    name: "Unpublished Asylum Service",
    categories: ["asylum"],
    locationIds: [draftLocation.id],
  });

  return {
    organizations: { queens, bronx, safeHarbor, hotlineOrg, longIsland, hudson, draft },
    locations: { corona, jacksonHeights, bronxOffice, shelter, hempstead, newburgh, draftLocation },
    services: {
      asylumClinic,
      adjustment,
      paused,
      removal,
      naturalization,
      survivors,
      hotline,
      longIslandAsylum,
      tps,
      draftService,
    },
  };
}

export type SearchScenario = Awaited<ReturnType<typeof createSearchScenario>>;
