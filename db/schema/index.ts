export * from "./users";
export * from "./catalog";
export * from "./forum";
export * from "./live";
export * from "./notifications";
export * from "./audit";
export * from "./lab";
export * from "./moderation";
