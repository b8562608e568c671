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

export const challengeStatuses = ["open", "closed", "archived"] as const;
export type ChallengeStatus = (typeof challengeStatuses)[number];

export const ideaStatuses = ["open", "ready_for_review", "promoted", "declined", "archived"] as const;
export type IdeaStatus = (typeof ideaStatuses)[number];

export const revisionTargets = ["idea", "comment"] as const;

export const projectStatuses = ["upcoming", "ongoing", "completed", "cancelled"] as const;
export type ProjectStatus = (typeof projectStatuses)[number];

export const projectUpdateKinds = ["update", "status"] as const;

export const reportTargets = ["idea", "comment", "user"] as const;
export type ReportTarget = (typeof reportTargets)[number];

/** Reason categories, shared by reports and moderation decisions (shown in Swedish in the UI). */
export const reportReasons = ["spam", "offensive", "personal_data", "off_topic", "other"] as const;
export type ReportReason = (typeof reportReasons)[number];

export const reviewStatuses = ["pending", "approved", "rejected"] as const;
export type ReviewStatus = (typeof reviewStatuses)[number];

/** Why an item is in the queue: residents reported it, it waits for pre-moderation, or its author appealed. */
export const reviewOrigins = ["reports", "premoderation", "appeal"] as const;
export type ReviewOrigin = (typeof reviewOrigins)[number];

export const followTargets = ["idea", "challenge", "project"] as const;
export type FollowTarget = (typeof followTargets)[number];

/** Staff-editable blocks of the public site (Markdown), one row per block. */
export const siteBlockKeys = ["vision", "mission", "board", "core_team"] as const;
export type SiteBlockKey = (typeof siteBlockKeys)[number];

export const newsKinds = ["news", "event"] as const;
export type NewsKind = (typeof newsKinds)[number];

export const roles = ["resident", "moderator", "lab_staff", "admin"] as const;
export type Role = (typeof roles)[number];

export const locales = ["sv", "en"] as const;
export type Locale = (typeof locales)[number];

/** The largest PostgreSQL integer (int4): no serial id is above it. */
// eslint-disable-next-line no-restricted-syntax -- the one place the number is written
export const maxInt4 = 2_147_483_647;

/** Whether a value can be the serial id of a row: a positive int4. */
export function isRowId(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value > 0 && value <= maxInt4;
}

/** A serial id from a URL or form field (digits only), or null when it cannot name a row. */
export function parseRowId(value: string | null | undefined): number | null {
  if (!value || !/^\d{1,10}$/.test(value)) return null;
  const id = Number(value);
  return isRowId(id) ? id : null;
}
