/** One CSV line (RFC 4180): quotes a field only when it needs it. */
export function csvLine(fields: readonly (string | number | boolean)[]): string {
  return fields
    .map((field) => {
      const text = String(field);
      return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
    })
    .join(",");
}
