// Plain values the search page needs in the browser as well as on the server.

export const searchKinds = ["challenge", "idea", "comment"] as const;
export type SearchKind = (typeof searchKinds)[number];

/** Longer queries are refused (and cut to this length before they reach the database). */
export const maxQueryLength = 200;
