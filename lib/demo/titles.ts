import type { Rng } from "./random";
import type { Person } from "./types";

/**
 * Meeting titles as room mailboxes publish them. The product must never read them; they are here
 * so a test can prove that. Several carry names (Exchange puts the organizer into the subject),
 * and a few carry commas and semicolons that ICS has to escape.
 */
export type TitleKind = "series" | "single" | "call" | "workshop";

const companies = ["Acme Corp", "Globex", "Initech", "Umbrella Logistics", "Northwind", "Contoso", "Hooli"];
const roles = ["Senior Engineer", "Product Designer", "Data Analyst", "Account Executive", "Engineering Manager"];
const topics = ["checkout flow", "onboarding", "pricing page", "Q3 roadmap", "search relevance", "mobile release"];

export function makeTitle(rng: Rng, kind: TitleKind, organizer: Person, guests: readonly Person[]): string {
  const team = organizer.team;
  const other = guests[0]?.first ?? "team";
  const quarter = rng.int(1, 4);
  switch (kind) {
    case "series":
      return rng.pick([
        `Weekly sync – ${team}`,
        `${team} standup`,
        `Sprint planning – ${team}`,
        `Retro – ${team}`,
        `1:1 ${organizer.first} / ${other}`,
        `${team} leads catch-up`,
        `Roadmap review – ${team}`,
        `Office hours – ${team}`,
        `Pipeline review, ${team}`,
      ]);
    case "call":
      return rng.pick([
        "Call",
        `Call with ${rng.pick(companies)}`,
        "Focus time",
        `Interview (remote) – ${rng.pick(roles)}`,
        `${organizer.first} ${organizer.last}`,
        `Doctor's appointment – ${organizer.first}`,
      ]);
    case "workshop":
      return rng.pick([
        `Workshop: ${rng.pick(topics)}`,
        `Quarterly planning Q${quarter} – ${team}`,
        `${team} offsite (on site)`,
        `Training: ${rng.pick(["GDPR basics", "Security awareness", "Presenting with confidence"])}`,
        `Hackathon kick-off; ${team}`,
      ]);
    case "single":
      return rng.pick([
        `Interview – ${rng.pick(roles)}`,
        `Customer call – ${rng.pick(companies)}`,
        "Quick sync",
        `Catch-up ${organizer.first} & ${other}`,
        `Budget review, Q${quarter}`,
        `Design review: ${rng.pick(topics)}`,
        `Vendor demo – ${rng.pick(companies)}`,
        "Incident review",
        `${organizer.first} ${organizer.last}`,
        `Hiring; next steps for ${team}`,
        `Farewell drinks planning – ${other}`,
      ]);
  }
}
