import { useLocation } from "@remix-run/react";
import { RowLink } from "../RowLink";
import { useRootData } from "../root-data";
import { useT } from "../i18n/use-t";

const labels = {
  idea: "moderation.report.buttonIdea",
  comment: "moderation.report.buttonComment",
  user: "moderation.report.buttonUser",
} as const;

type TargetType = keyof typeof labels;

/**
 * A plain link to the report form, so reporting works without JavaScript; the form brings the
 * reader back here. Shown to signed-in readers other than the author.
 */
export function ReportButton({ type, id, ownerId }: { type: TargetType; id: string | number; ownerId: string }) {
  const t = useT();
  const { user } = useRootData();
  const location = useLocation();
  if (!user || user.id === ownerId) return null;
  const back = location.pathname + location.search;
  const href = `/rapportera?${new URLSearchParams({ typ: type, id: String(id), tillbaka: back })}`;
  return (
    <RowLink to={href} className="report-link" rel="nofollow">
      {t(labels[type])}
    </RowLink>
  );
}

/** The moderator's way from a page to the decision form; the server decides what is allowed there. */
export function ModerateLink({ type, id, ownerId }: { type: TargetType; id: string | number; ownerId: string }) {
  const t = useT();
  const { user } = useRootData();
  const location = useLocation();
  if (!user || user.id === ownerId || (user.role !== "moderator" && user.role !== "admin")) return null;
  const href = `/moderator/atgard?${new URLSearchParams({ typ: type, id: String(id), tillbaka: location.pathname + location.search })}`;
  return (
    <RowLink to={href} className="report-link">
      {t(`moderation.moderate.${type}`)}
    </RowLink>
  );
}

/**
 * The moderator's way to remove personal data (a phone number, an address) from a post and from all
 * its earlier versions. Shown beside ModerateLink; the server checks the permission again.
 */
export function RedactLink({ type, id, ownerId }: { type: "idea" | "comment"; id: string | number; ownerId: string }) {
  const t = useT();
  const { user } = useRootData();
  const location = useLocation();
  if (!user || user.id === ownerId || (user.role !== "moderator" && user.role !== "admin")) return null;
  const href = `/moderator/personuppgifter?${new URLSearchParams({ type, id: String(id), tillbaka: location.pathname + location.search })}`;
  return (
    <RowLink to={href} className="report-link" rel="nofollow" data-action="redact">
      {t("security.redactLink")}
    </RowLink>
  );
}
