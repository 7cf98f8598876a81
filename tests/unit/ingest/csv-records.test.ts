import { Readable } from "node:stream";
import { parse } from "csv-parse";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IrregularCsv, splitCsvRecords, withoutLineEnd } from "@/lib/ingest/csv-records";

// The options csv.ts reads files with (PARSE_OPTIONS), plus `raw` for each record's text.
async function csvParseRecords(bytes: Buffer, delimiter: string): Promise<string[]> {
  const parser = Readable.from([bytes]).pipe(
    parse({ bom: true, relax_quotes: true, relax_column_count: true, skip_empty_lines: false, raw: true, delimiter }),
  );
  const texts: string[] = [];
  for await (const record of parser as AsyncIterable<{ raw: string }>) texts.push(withoutLineEnd(record.raw));
  return texts;
}

async function splitRecords(chunks: Buffer[], delimiter: string): Promise<string[]> {
  const texts: string[] = [];
  let expectedRow = 1;
  for await (const record of splitCsvRecords(Readable.from(chunks), delimiter)) {
    expect(record.row).toBe(expectedRow);
    expectedRow += 1;
    texts.push(record.text);
  }
  return texts;
}

/** Cuts `bytes` at the given offsets, so that chunks split lines, quotes and multi-byte characters. */
function cut(bytes: Buffer, offsets: number[]): Buffer[] {
  const points = [...new Set(offsets.map((o) => o % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let from = 0;
  for (const point of points) {
    chunks.push(bytes.subarray(from, point));
    from = point;
  }
  chunks.push(bytes.subarray(from));
  return chunks.filter((chunk) => chunk.length > 0);
}

const plainCell = fc.stringMatching(/^[a-zA-Z0-9 @.:é€-]{0,12}$/);
const quotedCell = fc
  .array(fc.constantFrom("a", " ", ",", ";", '""', "\n", "\r\n", "é", "x"), { maxLength: 8 })
  .map((parts) => `"${parts.join("")}"`);
const cell = fc.oneof({ weight: 3, arbitrary: plainCell }, { weight: 1, arbitrary: quotedCell });

const regularFile = fc.record({
  delimiter: fc.constantFrom(",", ";", "\t"),
  lineEnd: fc.constantFrom("\n", "\r\n"),
  bom: fc.boolean(),
  trailingLineEnd: fc.boolean(),
  rows: fc.array(fc.oneof({ weight: 6, arbitrary: fc.array(cell, { minLength: 1, maxLength: 5 }) }, { weight: 1, arbitrary: fc.constant([]) }), {
    minLength: 1,
    maxLength: 12,
  }),
  offsets: fc.array(fc.nat(400), { maxLength: 6 }),
});

describe("splitCsvRecords", () => {
  it("cuts regular files into exactly csv-parse's records, however the bytes arrive", async () => {
    await fc.assert(
      fc.asyncProperty(regularFile, async ({ delimiter, lineEnd, bom, trailingLineEnd, rows, offsets }) => {
        const body = rows.map((cells) => cells.join(delimiter)).join(lineEnd) + (trailingLineEnd ? lineEnd : "");
        const bytes = Buffer.from((bom ? "\ufeff" : "") + body);
        const expected = await csvParseRecords(bytes, delimiter);
        expect(await splitRecords(cut(bytes, offsets), delimiter)).toEqual(expected);
      }),
      { numRuns: 400 },
    );
  });

  it("either agrees with csv-parse or says the file is irregular, on any text", async () => {
    const anyText = fc.array(fc.constantFrom("a", "b", ",", '"', "\n", "\r", "\r\n", " ", "é"), { maxLength: 40 });
    await fc.assert(
      fc.asyncProperty(anyText, fc.array(fc.nat(60), { maxLength: 4 }), async (parts, offsets) => {
        const bytes = Buffer.from(parts.join(""));
        let expected: string[];
        try {
          expected = await csvParseRecords(bytes, ",");
        } catch {
          // csv-parse refuses the file (a quote never closed): the splitter must not accept it either.
          await expect(splitRecords(cut(bytes, offsets), ",")).rejects.toBeInstanceOf(IrregularCsv);
          return;
        }
        try {
          expect(await splitRecords(cut(bytes, offsets), ",")).toEqual(expected);
        } catch (error) {
          if (!(error instanceof IrregularCsv)) throw error;
        }
      }),
      { numRuns: 3000 },
    );
  });

  it("gives up on what RFC 4180 does not allow", async () => {
    const irregular = [
      'id,room\n1,5" screen\n', // a quote inside an unquoted cell
      'id,room\n"1"x,A\n', // text after a closing quote
      "id,room\n1,A\r2,B\n", // a lone carriage return
      "id,room\r\n1,A\n2,B\r\n", // a line end that is not the file's
      'id,room\n"1,A\n', // a quote that never closes
    ];
    for (const text of irregular) {
      await expect(splitRecords([Buffer.from(text)], ",")).rejects.toBeInstanceOf(IrregularCsv);
    }
    await expect(splitRecords([Buffer.from([0xff, 0xfe, 0x61, 0x00])], ",")).rejects.toBeInstanceOf(IrregularCsv);
  });

  it("keeps quoted line breaks inside their record and numbers blank lines", async () => {
    const text = 'id,note\r\n1,"two\r\nlines"\r\n\r\n2,"say ""hi"""\r\n';
    expect(await splitRecords([Buffer.from(text)], ",")).toEqual(["id,note", '1,"two\r\nlines"', "", '2,"say ""hi"""']);
  });
});
