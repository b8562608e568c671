import { defaultLimit, maxLimit } from "./pagination";

/** The OpenAPI 3.1 description of /api/v1; the API test checks that every route is in it. */
const pageParams = [
  {
    name: "limit",
    in: "query",
    description: `How many items to return (1–${maxLimit}, default ${defaultLimit}).`,
    schema: { type: "integer", minimum: 1, maximum: maxLimit, default: defaultLimit },
  },
  {
    name: "cursor",
    in: "query",
    description: "The nextCursor of the previous page; leave out for the first page.",
    schema: { type: "string" },
  },
];

const dateTime = { type: "string", format: "date-time" };
const stringList = { type: "array", items: { type: "string" } };
const goalList = { type: "array", items: { type: "integer", minimum: 1, maximum: 17 } };

function pageOf(ref: string) {
  return {
    type: "object",
    required: ["data", "nextCursor"],
    properties: {
      data: { type: "array", items: { $ref: `#/components/schemas/${ref}` } },
      nextCursor: { type: ["string", "null"] },
    },
  };
}

function listOperation(summary: string, ref: string, extra: object[] = []) {
  return {
    get: {
      summary,
      parameters: [...extra, ...pageParams],
      responses: {
        "200": { description: "A page of items.", content: { "application/json": { schema: pageOf(ref) } } },
        "400": {
          description: "Invalid limit or cursor.",
          content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
        },
      },
    },
  };
}

export function openApiDocument(serverUrl: string) {
  return {
    openapi: "3.1.0",
    info: {
      title: "Samhällsforum open data",
      version: "1.0.0",
      description:
        "Read-only public data of Samhällsforum: focus areas, challenges, ideas (public fields only), lab projects and their updates. Lists are ordered by id and paged with an opaque cursor.",
    },
    servers: [{ url: `${serverUrl}/api/v1` }],
    paths: {
      "/focus-areas": listOperation("List focus areas", "FocusArea"),
      "/challenges": listOperation("List challenges", "Challenge", [
        { name: "focusArea", in: "query", description: "Only challenges in this focus area (slug).", schema: { type: "string" } },
      ]),
      "/ideas": listOperation("List visible ideas", "Idea", [
        { name: "challenge", in: "query", description: "Only ideas in this challenge (slug).", schema: { type: "string" } },
      ]),
      "/projects": listOperation("List lab projects", "Project"),
      "/projects/{slug}/updates": (() => {
        const op = listOperation("List a project's updates", "ProjectUpdate", [
          { name: "slug", in: "path", required: true, schema: { type: "string" } },
        ]);
        return {
          get: {
            ...op.get,
            responses: {
              ...op.get.responses,
              "404": {
                description: "No such project.",
                content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
              },
            },
          },
        };
      })(),
      "/openapi.json": { get: { summary: "This description", responses: { "200": { description: "OpenAPI 3.1 document." } } } },
    },
    components: {
      schemas: {
        Error: { type: "object", required: ["error"], properties: { error: { type: "string" } } },
        FocusArea: {
          type: "object",
          properties: {
            id: { type: "integer" },
            slug: { type: "string" },
            name: { type: "string" },
            summary: { type: "string" },
            description: { type: "string" },
          },
        },
        Challenge: {
          type: "object",
          properties: {
            id: { type: "integer" },
            slug: { type: "string" },
            focusArea: { type: "string", description: "Focus area slug." },
            title: { type: "string" },
            summary: { type: "string" },
            description: { type: "string" },
            status: { enum: ["open", "closed", "archived"] },
            supportThreshold: { type: "integer" },
            sdgGoals: goalList,
            perspectives: stringList,
            createdAt: dateTime,
          },
        },
        Idea: {
          type: "object",
          properties: {
            id: { type: "integer" },
            challenge: { type: "string", description: "Challenge slug." },
            title: { type: "string" },
            body: { type: "string", description: "Markdown." },
            status: { enum: ["open", "ready_for_review", "promoted", "declined", "archived"] },
            supportCount: { type: "integer" },
            commentCount: { type: "integer" },
            createdAt: dateTime,
          },
        },
        Project: {
          type: "object",
          properties: {
            id: { type: "integer" },
            slug: { type: "string" },
            title: { type: "string" },
            summary: { type: "string" },
            status: { enum: ["upcoming", "ongoing", "completed", "cancelled"] },
            challenge: { type: ["string", "null"] },
            sdgGoals: goalList,
            perspectives: stringList,
            resultsSummary: { type: ["string", "null"] },
            cancelReason: { type: ["string", "null"] },
            createdAt: dateTime,
            statusChangedAt: dateTime,
          },
        },
        ProjectUpdate: {
          type: "object",
          properties: {
            id: { type: "integer" },
            kind: { enum: ["update", "status"] },
            body: { type: "string", description: "Markdown." },
            fromStatus: { type: ["string", "null"] },
            toStatus: { type: ["string", "null"] },
            createdAt: dateTime,
          },
        },
      },
    },
  };
}
