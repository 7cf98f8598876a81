import { describe, expect, it } from "vitest";
import { csvPresets, findCsvPreset } from "@/lib/integrations/csv-presets";
import { maskEmails, previewCsv } from "@/lib/integrations/csv-preview";

const context = { window: { from: new Date("2026-01-01T00:00:00Z"), to: new Date("2026-12-31T00:00:00Z") }, timeZone: "Europe/London", defaultRoom: null };

const TEEM = [
  `"Room Name","Start Time","End Time","Organizer","Attendees","Status","Checked In","Meeting Title"`,
  `"Atlas","2026-03-04 09:00","2026-03-04 10:00","alice.liddell@example.test","3","Booked","Yes","Lunch with carol@example.test"`,
  `"Orion","2026-03-04 11:00","2026-03-04 10:30","Bob Smith <bob@example.test>","1","Booked","No","Review"`,
  ``,
  `"Atlas","2026-03-04 13:00","2026-03-04 14:00","dana@example.test","lots","Released","","Interview: Dana"`,
  `"Atlas","2026-03-05 13:00","2026-03-05 14:00","erin@example.test","2","Booked","",""`,
].join("\n");

describe("maskEmails", () => {
  it("hides every address's local part and keeps its domain", () => {
    expect(maskEmails("alice.liddell@example.test")).toBe("•••@example.test");
    expect(maskEmails("Bob Smith <bob+rooms@mail.example.test>, mailto:c@x.org")).toBe("Bob Smith <•••@mail.example.test>, mailto:•••@x.org");
    expect(maskEmails("no address here @ all")).toBe("no address here @ all");
  });
});

describe("previewCsv", () => {
  it("shows the mapped columns of the first rows with e-mails masked, never the title, and what each row would become", async () => {
    const preview = await previewCsv(TEEM, csvPresets.teem, context);
    if (!preview.ok) throw new Error(preview.problem);
    expect(preview.columns.map((c) => c.header)).toEqual(["Room Name", "Start Time", "End Time", "Organizer", "Attendees", "Status", "Checked In"]);
    expect(preview.ignored).toEqual(["Meeting Title"]);
    expect(JSON.stringify(preview)).not.toMatch(/alice|bob@|dana@|carol|Lunch|Interview/);
    // Row numbers as a spreadsheet shows them: the header is row 1, the blank line is row 4.
    expect(preview.rows.map((r) => r.row)).toEqual([2, 3, 5, 6]);
    expect(preview.rows[0]).toEqual({
      row: 2,
      cells: ["Atlas", "2026-03-04 09:00", "2026-03-04 10:00", "•••@example.test", "3", "Booked", "Yes"],
      outcome: { kind: "booking" },
    });
    expect(preview.rows[1]?.cells[3]).toBe("Bob Smith <•••@example.test>");
    expect(preview.rows[1]?.outcome).toMatchObject({ kind: "rejected", reason: expect.stringContaining("ends before it starts") });
    expect(preview.rows[2]?.outcome).toMatchObject({ kind: "rejected", reason: expect.stringContaining("Attendees") });
    expect(preview.rows[3]?.outcome).toEqual({ kind: "booking" });
  });

  it("shows at most five rows and drops a line cut off by the read limit", async () => {
    const row = (i: number) => `R${i},Orion,2026-03-04T09:00:00Z,2026-03-04T10:00:00Z,p${i}@example.test`;
    const text = ["id,room,start,end,organizer_email", ...Array.from({ length: 8 }, (_, i) => row(i + 1))].join("\n");
    const preview = await previewCsv(text, csvPresets.generic, context);
    expect(preview.ok && preview.rows.map((r) => r.cells[0])).toEqual(["Orion", "Orion", "Orion", "Orion", "Orion"]);
    // Cut in the middle of row 3's e-mail: that half line is never shown or judged.
    const cut = text.slice(0, text.indexOf("p2@") + 2);
    const partial = await previewCsv(cut, csvPresets.generic, { ...context, complete: false });
    expect(partial.ok && partial.rows.map((r) => r.row)).toEqual([2]);
  });

  it("names a missing column and what the file has instead", async () => {
    const preview = await previewCsv(TEEM, csvPresets.robin, context);
    expect(preview).toEqual({ ok: false, problem: expect.stringContaining("missing column 'Space'") });
  });
});

describe("csv presets", () => {
  it("finds the preset a stored mapping equals, and none for other columns", () => {
    expect(findCsvPreset(undefined)).toBe("generic");
    expect(findCsvPreset({ ...csvPresets.condeco })).toBe("condeco");
    expect(findCsvPreset({ room: "Room Name" })).toBeNull();
  });
});
