// One schema, split by area; every table is exported from here (drizzle-kit reads this file).
export * from "./core";
export * from "./auth";
export * from "./rollups";
