// Plain values the settings page needs in the browser as well as on the server.

/** The site-wide limits and their defaults; an admin may change them (stored in moderation_settings). */
export const defaultModerationSettings = {
  /** An account younger than this counts as new. */
  newAccountHours: 24,
  /** Links a new account may put in one post. */
  newAccountMaxLinks: 2,
  /** The same text from the same user within this many minutes is refused. */
  duplicateWindowMinutes: 5,
  /** With pre-moderation on, this many first posts of a new account wait for a moderator. */
  premoderatedPosts: 2,
} as const;

export type ModerationSettings = { -readonly [K in keyof typeof defaultModerationSettings]: number };
export type ModerationSettingKey = keyof ModerationSettings;
export const moderationSettingKeys = Object.keys(defaultModerationSettings) as ModerationSettingKey[];
