import type { Rng } from "./random";
import type { BuildingKey, Person } from "./types";

// Small lists on purpose: the product sees many people with few distinct names, as real
// organisations do. A few accented names exercise UTF-8 in CN parameters and line folding.
const firstNames = [
  "Anna", "Ben", "Chloé", "Daan", "Emma", "Finn", "Grace", "Hugo", "Isla", "Jack",
  "Julia", "Lars", "Lucas", "Maya", "Noah", "Olivia", "Pieter", "Priya", "Ravi", "Sara",
  "Sam", "Sophie", "Tom", "Yara", "Zoë", "José", "Mei", "Omar", "Linh", "Hannah",
];
const lastNames = [
  "Smith", "Jones", "Taylor", "Brown", "Wilson", "Evans", "Walker", "Hughes", "Patel", "Khan",
  "Jansen", "Bakker", "Visser", "Smit", "Meijer", "Mulder", "Bos", "Vos", "Müller", "Nguyễn",
  "Tran", "Garcia", "Rossi", "Novak",
];

export const teams: Record<BuildingKey, string[]> = {
  harbour: ["Payments", "Platform", "Mobile", "Data", "Finance", "Legal", "Sales", "People"],
  canal: ["Design", "Growth", "Marketing", "Infrastructure", "Security", "Customer Success", "Research"],
};

const PEOPLE_PER_BUILDING: Record<BuildingKey, number> = { harbour: 190, canal: 175 };

function asciiLower(text: string): string {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function listPeople(rng: Rng): Person[] {
  const combos: [string, string][] = [];
  for (const first of firstNames) for (const last of lastNames) combos.push([first, last]);
  const total = PEOPLE_PER_BUILDING.harbour + PEOPLE_PER_BUILDING.canal;
  const chosen = rng.sample(combos, total);
  return chosen.map(([first, last], i) => {
    const building: BuildingKey = i < PEOPLE_PER_BUILDING.harbour ? "harbour" : "canal";
    const email = `${asciiLower(first)}.${asciiLower(last)}@example.com`;
    // Exchange writes the address as the directory spells it; the pipeline must normalise.
    const feedEmail = rng.chance(0.2)
      ? `${capitalise(asciiLower(first))}.${capitalise(asciiLower(last))}@example.com`
      : email;
    // A long tail: a few people organize a lot, most organize now and then.
    const activity = 0.3 + rng.next() * rng.next() * 3;
    return {
      first,
      last,
      name: `${first} ${last}`,
      email,
      feedEmail,
      building,
      team: rng.pick(teams[building]),
      activity,
    };
  });
}
