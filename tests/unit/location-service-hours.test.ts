import { describe, expect, it } from "vitest";
import { applyChanges, changedFields, diffChange, type LocationFields } from "~/directory/fields";

/*
 * Hours per service at a location (`LocationFields.serviceHours`) are proposed and reviewed
 * service by service, like translations language by language; the form's map is the whole
 * truth, so a service left out goes back to its own hours (null).
 */

const tuesday = [{ weekday: 2, opensAt: "10:00", closesAt: "14:00" }];
const thursday = [{ weekday: 4, opensAt: "15:30", closesAt: "19:15" }];

describe("hours per service at a location in a change", () => {
  it("proposes only the services whose hours here change; one left out goes back to its own", () => {
    const before: Pick<LocationFields, "serviceHours"> = {
      serviceHours: { asylum: tuesday, daca: thursday },
    };
    expect(changedFields(before, { serviceHours: { asylum: tuesday } })).toEqual({
      serviceHours: { daca: null },
    });
    expect(
      changedFields(before, {
        serviceHours: { daca: [...thursday].reverse(), asylum: thursday },
      }),
    ).toEqual({ serviceHours: { asylum: thursday } });
    expect(changedFields(before, { serviceHours: { daca: thursday, asylum: tuesday } })).toEqual(
      {},
    );
  });

  it("a new location proposes only the services with hours of their own there", () => {
    expect(changedFields(null, { serviceHours: { asylum: tuesday, daca: [] } })).toEqual({
      serviceHours: { asylum: tuesday },
    });
  });

  it("applies and shows a change service by service", () => {
    const before = { serviceHours: { asylum: tuesday, daca: thursday } } as Pick<
      LocationFields,
      "serviceHours"
    >;
    const changes = { serviceHours: { daca: null, family: tuesday } } as unknown as Partial<
      Pick<LocationFields, "serviceHours">
    >;
    expect(applyChanges(before, changes)).toEqual({
      serviceHours: { asylum: tuesday, family: tuesday },
    });
    expect(diffChange("location", before, before, changes)).toEqual([
      {
        field: "serviceHours.daca",
        base: thursday,
        current: thursday,
        proposed: null,
        changedSinceProposed: false,
      },
      {
        field: "serviceHours.family",
        base: null,
        current: null,
        proposed: tuesday,
        changedSinceProposed: false,
      },
    ]);
  });

  it("translations keep their rule: a language left out is unchanged", () => {
    expect(
      changedFields(
        { translations: { es: "Hola", fr: "Bonjour" } as Record<string, string | null> },
        { translations: { es: "Hola otra vez" } },
      ),
    ).toEqual({ translations: { es: "Hola otra vez" } });
  });
});
