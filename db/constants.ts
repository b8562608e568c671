/** Plain constants shared by the schema, the seed and the app (no imports, safe in the browser). */
export const perspectiveKeys = [
  "partnership",
  "public_innovation",
  "interdisciplinary",
  "resident_first",
  "trust",
  "proactive",
  "safety",
  "digital",
  "user_time",
] as const;
export type PerspectiveKey = (typeof perspectiveKeys)[number];
