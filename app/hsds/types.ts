/*
 * The HSDS 3.0 objects Puente answers with (the fields it fills; the official schemas in
 * ../shared/hsds-3.0/schema are the reference, and the conformance tests validate against them).
 * Optional fields are left out rather than null: the schemas type them as plain strings.
 */

export interface HsdsTaxonomy {
  id: string;
  name: string;
  description: string;
  version?: string;
}

export interface HsdsTaxonomyTerm {
  id: string;
  code: string;
  name: string;
  description: string;
  parent_id?: string;
  taxonomy: string;
  taxonomy_id: string;
  language: string;
}

export interface HsdsAttribute {
  id: string;
  link_id: string;
  link_type: string;
  link_entity: string;
  taxonomy_term_id: string;
  taxonomy_term: HsdsTaxonomyTerm;
}

export interface HsdsLanguage {
  id: string;
  service_id?: string;
  phone_id?: string;
  name?: string;
  code: string;
  note?: string;
}

export interface HsdsPhone {
  id: string;
  organization_id?: string;
  service_id?: string;
  location_id?: string;
  number: string;
  extension?: number;
  type: string;
  description?: string;
  languages: HsdsLanguage[];
}

export interface HsdsSchedule {
  id: string;
  service_id: string;
  location_id?: string;
  freq: "WEEKLY";
  wkst: "MO";
  byday: string;
  opens_at: string;
  closes_at: string;
  description?: string;
}

export interface HsdsAddress {
  id: string;
  location_id: string;
  address_1: string;
  address_2?: string;
  city: string;
  state_province: string;
  postal_code: string;
  country: string;
  address_type: "physical";
}

export interface HsdsLocationSummary {
  id: string;
  location_type: "physical";
  organization_id: string;
  name?: string;
  description?: string;
  transportation?: string;
  latitude?: number;
  longitude?: number;
}

export interface HsdsLocation extends HsdsLocationSummary {
  addresses: HsdsAddress[];
  accessibility: { id: string; location_id: string; description: string }[];
  phones: HsdsPhone[];
  languages: HsdsLanguage[];
  schedules: HsdsSchedule[];
  contacts: never[];
  attributes: HsdsAttribute[];
}

export interface HsdsOrganizationSummary {
  id: string;
  name: string;
  alternate_name?: string;
  description: string;
  email?: string;
  website?: string;
}

export interface HsdsServiceSummary {
  id: string;
  organization_id: string;
  name: string;
  alternate_name?: string;
  description?: string;
  url?: string;
  email?: string;
  status: "active";
  application_process?: string;
  fees_description?: string;
  eligibility_description?: string;
  assured_date?: string;
  last_modified: string;
  organization?: HsdsOrganizationSummary;
}

export interface HsdsServiceAtLocationSummary {
  id: string;
  service_id: string;
  location_id: string;
  location: HsdsLocationSummary;
  service?: HsdsServiceSummary;
}

export interface HsdsServiceAtLocation {
  id: string;
  service_id: string;
  location_id: string;
  location: HsdsLocation;
  phones: HsdsPhone[];
  schedules: HsdsSchedule[];
  contacts: never[];
  attributes: HsdsAttribute[];
  service?: HsdsService;
}

export interface HsdsService extends HsdsServiceSummary {
  phones: HsdsPhone[];
  schedules: HsdsSchedule[];
  service_areas: { id: string; service_id: string; name: string; extent_type?: string }[];
  service_at_locations: HsdsServiceAtLocation[];
  languages: HsdsLanguage[];
  attributes: HsdsAttribute[];
  funding: never[];
  cost_options: never[];
  required_documents: never[];
  contacts: never[];
}

export interface HsdsOrganization extends HsdsOrganizationSummary {
  phones: HsdsPhone[];
  locations: HsdsLocation[];
  services: (HsdsService | HsdsServiceSummary)[];
  organization_identifiers: never[];
  funding: never[];
  contacts: never[];
  programs: never[];
  attributes: never[];
}

/** The HSDS Page object (openapi.json components.schemas.Page) around a list. */
export interface HsdsPage<T> {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: T[];
}
