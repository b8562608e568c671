import { useRouteLoaderData } from "@remix-run/react";
import type { Role } from "../../db/schema/users";
import { defaultLocale, type AppLocale } from "./i18n";

export interface RootData {
  locale: AppLocale;
  user: { id: string; displayName: string; role: Role } | null;
  /** Unread notifications for the header, and the live cursor the count was read at. */
  notices?: { unread: number; liveCursor: number } | null;
}

export function useRootData(): RootData {
  return (useRouteLoaderData("root") as RootData | undefined) ?? { locale: defaultLocale, user: null };
}
