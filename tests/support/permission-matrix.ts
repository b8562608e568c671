/**
 * The permission matrix: every role against every state-changing route action and socket event,
 * with the expected outcome. tests/integration/permission-matrix.test.ts sends each request for
 * real and fails when the app has a mutation route this table does not list.
 *
 * "allow": the request gets past authorisation (no 403, no redirect to the login page, no 5xx).
 *   Forms are mostly left empty on purpose, so that an allowed request stops at validation
 *   (400) instead of deleting an account or logging out the role's session.
 * "deny": 403 for a signed-in role; for a visitor, 403 or a redirect to the login page.
 */
export const roles = ["visitor", "resident", "suspended", "moderator", "lab_staff", "admin"] as const;
export type MatrixRole = (typeof roles)[number];
export type Expectation = "allow" | "deny";

export interface Fixtures {
  /** An idea and a comment by another resident, open for support, votes and comments. */
  otherIdeaId: number;
  otherCommentId: number;
  /** An idea and a comment by the resident. */
  ownIdeaId: number;
  ownCommentId: number;
  challengeSlug: string;
  projectSlug: string;
}

export interface MatrixRow {
  /** The route id in the Remix build, e.g. "routes/ideer.$id". */
  route: string;
  intent?: string;
  path: (f: Fixtures) => string;
  form?: (f: Fixtures) => Record<string, string>;
  expect: Record<MatrixRole, Expectation>;
  /** This action answers "start over at the login page" to everyone it cannot use: not a denial. */
  loginRedirectIsAnswer?: boolean;
}

const everyone: Record<MatrixRole, Expectation> = {
  visitor: "allow",
  resident: "allow",
  suspended: "allow",
  moderator: "allow",
  lab_staff: "allow",
  admin: "allow",
};
const signedIn: Record<MatrixRole, Expectation> = { ...everyone, visitor: "deny" };
const writers: Record<MatrixRole, Expectation> = { ...signedIn, suspended: "deny" };
const ownerOnly: Record<MatrixRole, Expectation> = {
  visitor: "deny",
  resident: "allow",
  suspended: "deny",
  moderator: "deny",
  lab_staff: "deny",
  admin: "deny",
};
const moderators: Record<MatrixRole, Expectation> = { ...ownerOnly, resident: "deny", moderator: "allow", admin: "allow" };
const labStaff: Record<MatrixRole, Expectation> = { ...ownerOnly, resident: "deny", lab_staff: "allow", admin: "allow" };
const adminOnly: Record<MatrixRole, Expectation> = { ...ownerOnly, resident: "deny", admin: "allow" };

export const routeMatrix: MatrixRow[] = [
  // Public forms: anyone may send them (signed-in people too).
  {
    route: "routes/logga-in",
    path: () => "/logga-in",
    form: () => ({ email: "ingen@example.se", password: "fel-lösenord-1" }),
    expect: everyone,
  },
  { route: "routes/logga-in_.kod", path: () => "/logga-in/kod", form: () => ({}), expect: everyone, loginRedirectIsAnswer: true },
  { route: "routes/registrera", path: () => "/registrera", form: () => ({}), expect: everyone },
  {
    route: "routes/registrera_.bekrafta.$token",
    path: () => "/registrera/bekrafta/ogiltig-men-lang-nog-token",
    form: () => ({}),
    expect: everyone,
  },
  { route: "routes/glomt-losenord", path: () => "/glomt-losenord", form: () => ({}), expect: everyone },
  { route: "routes/aterstall-losenord.$token", path: () => "/aterstall-losenord/ogiltig", form: () => ({}), expect: everyone },
  { route: "routes/sprak", path: () => "/sprak", form: () => ({ locale: "sv" }), expect: everyone },
  { route: "routes/kontakt", path: () => "/kontakt", form: () => ({}), expect: everyone },
  { route: "routes/nyhetsbrev._index", path: () => "/nyhetsbrev", form: () => ({}), expect: everyone },
  { route: "routes/nyhetsbrev.bekrafta", path: () => "/nyhetsbrev/bekrafta", form: () => ({}), expect: everyone },
  { route: "routes/tillganglighet", path: () => "/tillganglighet", form: () => ({}), expect: everyone },

  // Residents' writing: suspended accounts may not.
  {
    route: "routes/ideer.$id",
    intent: "support",
    path: (f) => `/ideer/${f.otherIdeaId}`,
    form: () => ({ intent: "support", value: "on" }),
    expect: writers,
  },
  {
    route: "routes/ideer.$id",
    intent: "vote",
    path: (f) => `/ideer/${f.otherIdeaId}`,
    form: (f) => ({ intent: "vote", vote: `${f.otherCommentId}:1` }),
    expect: writers,
  },
  {
    route: "routes/ideer.$id",
    intent: "comment",
    path: (f) => `/ideer/${f.otherIdeaId}`,
    form: () => ({ intent: "comment", body: "Ett inlägg i behörighetsprovet." }),
    expect: writers,
  },
  // The thread page takes replies and votes under the idea page's rules.
  {
    route: "routes/ideer.$id_.trad.$rootId",
    intent: "vote",
    path: (f) => `/ideer/${f.otherIdeaId}/trad/${f.otherCommentId}`,
    form: (f) => ({ intent: "vote", vote: `${f.otherCommentId}:-1` }),
    expect: writers,
  },
  {
    route: "routes/ideer.$id_.trad.$rootId",
    intent: "comment",
    path: (f) => `/ideer/${f.otherIdeaId}/trad/${f.otherCommentId}`,
    form: (f) => ({
      intent: "comment",
      formId: `reply-${f.otherCommentId}`,
      parentId: String(f.otherCommentId),
      body: "Ett svar i behörighetsprovet.",
    }),
    expect: writers,
  },
  {
    route: "routes/utmaningar.$slug_.ny-ide",
    path: (f) => `/utmaningar/${f.challengeSlug}/ny-ide`,
    form: () => ({}),
    expect: writers,
  },
  { route: "routes/rapportera", path: () => "/rapportera", form: () => ({}), expect: writers },
  {
    route: "routes/forhandsgranska",
    path: () => "/forhandsgranska",
    form: () => ({ body: "*förhandsgranskning*" }),
    expect: signedIn,
  },

  // Only the author edits or deletes (moderators act through the queue instead).
  {
    route: "routes/ideer.$id_.redigera",
    intent: "save",
    path: (f) => `/ideer/${f.ownIdeaId}/redigera`,
    form: () => ({}),
    expect: ownerOnly,
  },
  {
    route: "routes/ideer.$id_.redigera",
    intent: "delete",
    path: (f) => `/ideer/${f.ownIdeaId}/redigera`,
    form: () => ({ intent: "delete" }),
    expect: ownerOnly,
  },
  {
    route: "routes/kommentarer.$id.redigera",
    intent: "save",
    path: (f) => `/kommentarer/${f.ownCommentId}/redigera`,
    form: () => ({ intent: "save" }),
    expect: ownerOnly,
  },

  // One's own account, follows and notifications: a suspension does not take these away.
  { route: "routes/konto", intent: "name", path: () => "/konto", form: () => ({ intent: "name" }), expect: signedIn },
  { route: "routes/konto", intent: "password", path: () => "/konto", form: () => ({ intent: "password" }), expect: signedIn },
  { route: "routes/konto_.radera", path: () => "/konto/radera", form: () => ({}), expect: signedIn },
  { route: "routes/konto_.tvastegs", path: () => "/konto/tvastegs", form: () => ({ intent: "enable" }), expect: signedIn },
  { route: "routes/notiser", intent: "readAll", path: () => "/notiser", form: () => ({ intent: "readAll" }), expect: signedIn },
  {
    route: "routes/notiser",
    intent: "preferences",
    path: () => "/notiser",
    form: () => ({ intent: "preferences" }),
    expect: signedIn,
  },
  {
    route: "routes/folj",
    path: () => "/folj",
    form: (f) => ({ targetType: "idea", targetId: String(f.otherIdeaId), follow: "on" }),
    expect: signedIn,
  },
  // An appeal is checked against the case's owner after loading it; an unknown case is 404 for all.
  { route: "routes/moderering.omprovning.$id", path: () => "/moderering/omprovning/999999", form: () => ({}), expect: signedIn },

  // Staff.
  { route: "routes/moderator.atgard", path: () => "/moderator/atgard", form: () => ({}), expect: moderators },
  // Redacting personal data from someone's text; an unknown target is 400/404 once past the check.
  { route: "routes/moderator.personuppgifter", path: () => "/moderator/personuppgifter", form: () => ({}), expect: moderators },
  { route: "routes/moderator.installningar", path: () => "/moderator/installningar", form: () => ({}), expect: adminOnly },
  {
    route: "routes/labbet.ide.$id",
    intent: "promote",
    path: (f) => `/labbet/ide/${f.otherIdeaId}`,
    form: () => ({ intent: "promote" }),
    expect: labStaff,
  },
  {
    route: "routes/labbet.ide.$id",
    intent: "decline",
    path: (f) => `/labbet/ide/${f.otherIdeaId}`,
    form: () => ({ intent: "decline" }),
    expect: labStaff,
  },
  { route: "routes/labbet.nytt-projekt", path: () => "/labbet/nytt-projekt", form: () => ({}), expect: labStaff },
  { route: "routes/labbet.utmaningar", path: () => "/labbet/utmaningar", form: () => ({}), expect: labStaff },
  {
    route: "routes/projekt.$slug",
    intent: "update",
    path: (f) => `/projekt/${f.projectSlug}`,
    form: () => ({ intent: "update" }),
    expect: labStaff,
  },
  {
    route: "routes/projekt.$slug",
    intent: "status",
    path: (f) => `/projekt/${f.projectSlug}`,
    form: () => ({ intent: "status" }),
    expect: labStaff,
  },
  { route: "routes/redaktion.om", path: () => "/redaktion/om", form: () => ({}), expect: labStaff },
  { route: "routes/redaktion.aktuellt.$id", path: () => "/redaktion/aktuellt/ny", form: () => ({}), expect: labStaff },
  { route: "routes/admin.anvandare", path: () => "/admin/anvandare", form: () => ({}), expect: adminOnly },

  // Last: it ends the role's session.
  { route: "routes/logga-ut", path: () => "/logga-ut", form: () => ({}), expect: everyone, loginRedirectIsAnswer: true },
];

/** Socket events the server handles, and who may subscribe to which room. */
export const socketEvents = ["subscribe", "unsubscribe"] as const;

export interface SocketRow {
  room: (userIds: { self: string | null; other: string }) => string;
  label: string;
  expect: Record<MatrixRole, Expectation>;
}

export const socketMatrix: SocketRow[] = [
  { label: "a public idea room", room: () => "idea:1", expect: everyone },
  { label: "a public challenge room", room: () => "challenge:1", expect: everyone },
  { label: "the moderators' room", room: () => "moderation", expect: moderators },
  { label: "the lab room", room: () => "lab", expect: labStaff },
  { label: "one's own user room", room: (u) => `user:${u.self ?? "ingen"}`, expect: signedIn },
  {
    label: "another user's room",
    room: (u) => `user:${u.other}`,
    expect: { ...signedIn, resident: "deny", suspended: "deny", moderator: "deny", lab_staff: "deny", admin: "deny" },
  },
];
