import { describe, expect, it } from "vitest";
import {
  hoursText,
  languageCode,
  normalisePhone,
  postalCode,
  stripHtml,
  timeOfDay,
  weekdays,
} from "~/hsds/import/normalise";

describe("import: messy values made into what Puente stores", () => {
  it("language names and codes become BCP-47 tags; unknown ones are undefined", () => {
    expect(languageCode("Spanish")).toBe("es");
    expect(languageCode("Tagalog")).toBe("tl");
    expect(languageCode("Chinese (Cantonese)")).toBe("yue");
    expect(languageCode("Haitian Creole")).toBe("ht");
    expect(languageCode("spa")).toBe("es");
    expect(languageCode("zh-hant")).toBe("zh-Hant");
    expect(languageCode("ur")).toBe("ur");
    expect(languageCode("Klingon")).toBeUndefined();
    expect(languageCode("")).toBeUndefined();
  });

  it("phone numbers in common formats, with extensions kept apart", () => {
    expect(normalisePhone("718.555.0101 x12")).toEqual({
      number: "(718) 555-0101",
      extension: "12",
    });
    expect(normalisePhone("(718) 555-0101", 7)).toEqual({
      number: "(718) 555-0101",
      extension: "7",
    });
    expect(normalisePhone("718-555-0101 ext. 3")).toEqual({
      number: "718-555-0101",
      extension: "3",
    });
    expect(normalisePhone("+1 212 555 0100")).toEqual({
      number: "(212) 555-0100",
      extension: null,
    });
    expect(normalisePhone('"+44 1234 234567"')?.number).toBe("+44 1234 234567");
    expect(normalisePhone("call us")).toBeUndefined();
  });

  it("times, weekdays and spreadsheet hours", () => {
    expect(["9:00", "09:00:00", "9am", "9 AM", "0900"].map(timeOfDay)).toEqual(
      Array(5).fill("09:00"),
    );
    expect(timeOfDay("5:30 pm")).toBe("17:30");
    expect(timeOfDay("12am")).toBe("00:00");
    expect(timeOfDay("noon")).toBe("12:00");
    expect(timeOfDay("25:00")).toBeUndefined();
    expect(weekdays("MO,WE")).toEqual([1, 3]);
    expect(weekdays("Mon-Fri")).toEqual([1, 2, 3, 4, 5]);
    expect(weekdays("Saturday")).toEqual([6]);
    expect(weekdays("someday")).toBeUndefined();
    expect(hoursText("Mon-Fri 9am-5pm; Sat 10:00-14:00")).toHaveLength(6);
    expect(hoursText("Sundays sometimes")).toBeUndefined();
  });

  it("HTML stripped from descriptions, plain text left alone", () => {
    expect(stripHtml("<p>Free <b>help</b> &amp; advice</p><p>Call&nbsp;us</p>")).toBe(
      "Free help & advice\nCall us",
    );
    expect(stripHtml("Ages 5 < 18 & families")).toBe("Ages 5 < 18 & families");
  });

  it("ZIP codes, with a leading zero lost by a spreadsheet restored", () => {
    expect(postalCode("11368")).toBe("11368");
    expect(postalCode("2134")).toBe("02134");
    expect(postalCode("113681234")).toBe("11368-1234");
    expect(postalCode("ABC 1234")).toBeUndefined();
  });
});
