import { describe, expect, it } from "vitest";
import { cell, column, fact, tableCsv, tableRecords, type ViewTable } from "@/lib/analytics/views/table";

const table: ViewTable = {
  id: "rooms",
  columns: [column("room"), column("bookings", "integer"), column("utilisation", "share"), column("peerUtilisation", "share")],
  rows: [
    [fact("Orion"), cell(12, false), cell(0.123456, false), cell(null)],
    // Suppressed: the real numbers never reach the table, whatever was passed in.
    [fact("Lyra, small"), cell(3, true), cell(0.5, true), cell(0.2, true)],
    [fact('=HYPERLINK("x")'), cell(0, false), cell(0, false), cell(null)],
  ],
};

describe("view tables", () => {
  it("keeps no value in a suppressed cell and rounds numbers to 4 decimals", () => {
    expect(table.rows[1]?.map((c) => c.value)).toEqual(["Lyra, small", null, null, null]);
    expect(table.rows[0]?.[2]?.value).toBe(0.1235);
  });

  it("writes JSON records with the word for suppressed cells and null for values that do not exist", () => {
    expect(tableRecords(table)).toEqual([
      { room: "Orion", bookings: 12, utilisation: 0.1235, peerUtilisation: null },
      { room: "Lyra, small", bookings: "suppressed", utilisation: "suppressed", peerUtilisation: "suppressed" },
      { room: '=HYPERLINK("x")', bookings: 0, utilisation: 0, peerUtilisation: null },
    ]);
  });

  it("writes CSV with a header row, the word for suppressed cells, a real 0 only where the value is 0", () => {
    expect(tableCsv(table)).toBe(
      [
        "room,bookings,utilisation,peerUtilisation",
        "Orion,12,0.1235,",
        '"Lyra, small",suppressed,suppressed,suppressed',
        // A text a spreadsheet would run as a formula is quoted and defused.
        `"'=HYPERLINK(""x"")",0,0,`,
        "",
      ].join("\r\n"),
    );
  });
});
