/** A person whose identity must never appear in a log line (invariant 1). */
export type KnownPerson = { email: string; name: string };

/**
 * What a log text gives away: the known people's e-mails and full names (case-insensitive), and any
 * other e-mail-shaped string except rooms' resource addresses ("room.…@…", directory facts).
 */
export function findPersonalData(text: string, people: readonly KnownPerson[]): string[] {
  const lower = text.toLowerCase();
  const found = new Set<string>();
  for (const person of people) {
    if (lower.includes(person.email.toLowerCase())) found.add(person.email);
    if (lower.includes(person.name.toLowerCase())) found.add(person.name);
  }
  // The top-level domain must be letters: "roomlens@0.1.0" (npm's banner) is a version, not an address.
  for (const email of lower.match(/[a-z0-9._%+-]+@(?:[a-z0-9-]+\.)+[a-z]{2,}\b/g) ?? []) {
    if (!email.startsWith("room.")) found.add(email);
  }
  return [...found];
}
