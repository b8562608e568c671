import { Form, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** A follow/unfollow toggle that works without JavaScript (posts to /folj and comes back). */
export function FollowButton({
  targetType,
  targetId,
  following,
  labels,
}: {
  targetType: "idea" | "challenge" | "project";
  targetId: number;
  following: boolean;
  labels: { on: string; off: string };
}) {
  const { t } = useTranslation();
  const location = useLocation();
  return (
    <Form method="post" action="/folj" className="inline-form">
      <input type="hidden" name="targetType" value={targetType} />
      <input type="hidden" name="targetId" value={targetId} />
      <input type="hidden" name="on" value={following ? "0" : "1"} />
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <button type="submit" className="secondary">
        {following ? labels.off : labels.on}
      </button>
      {following && targetType === "project" ? <span className="muted">{t("projects.following")}</span> : null}
    </Form>
  );
}
