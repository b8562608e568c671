/**
 * The one module of app/ that server/ imports: everything the Express host, the socket.io gateway,
 * the mail worker and the prune job need from the application, and nothing else. The lint rules
 * (eslint.config.js, "boundaries") refuse any other import from server/ into app/, so what the
 * server depends on is this list.
 */
export {
  canListen,
  isPublicRoom,
  isValidRoom,
  liveMessage,
  maxRoomsPerSocket,
  revokedMessage,
  staffRooms,
  subscribeBurst,
  subscribeMessage,
  subscribesPerSecond,
  unsubscribeMessage,
  type LiveEvent,
  type LiveGateway,
  type SubscribeReply,
} from "./realtime/events";
export { sessionCutoffs, type SessionPolicy } from "./auth/session-policy";
export { mustEnrolTwoFactor } from "./auth/permissions";
export { createRateLimits, type Limit, type RateLimits, type WriteLimits } from "./auth/rate-limit.server";
export type { ContactSettings } from "./domain/contact/contact.server";
export type { AppConfig } from "./context";
export { localeCookieName, localeFromCookies, serverMessage } from "./ui/i18n/locale.server";
export { renderMail } from "./ui/mail-templates";
export type { MailMessage } from "./domain/mail/outbox.server";
