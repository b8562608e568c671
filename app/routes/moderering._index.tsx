import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "../auth/permissions";
import { getUser } from "../auth/session.server";
import { listPublicLog } from "../domain/moderation/log.server";
import { pageTitle } from "../ui/meta";
import { parseId } from "../http/responses.server";
import { auditActionKey } from "../domain/audit/actions";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, { key: "moderation.log.title" });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getUser(request, context);
  // Admins see who decided; everyone else sees the decision without the moderator's name.
  const seeActor = user !== null && can(user, "moderation.seeActor", { ownerId: user.id });
  const before = parseId(new URL(request.url).searchParams.get("fore")) ?? undefined;
  const log = await listPublicLog(context.database.db, { seeActor, before });
  return { ...log, seeActor };
}

export default function ModerationLog() {
  const { t, i18n } = useTranslation();
  const { entries, nextBefore, seeActor } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>{t("moderation.log.title")}</h1>
      <p>{t("moderation.log.lead")}</p>
      {entries.length === 0 ? (
        <p>{t("moderation.log.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="data">
            <caption className="visually-hidden">{t("moderation.log.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("moderation.log.date")}</th>
                <th scope="col">{t("moderation.log.action")}</th>
                <th scope="col">{t("moderation.log.reason")}</th>
                <th scope="col">{t("moderation.log.target")}</th>
                {seeActor ? <th scope="col">{t("moderation.log.moderator")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id} data-testid={`log-${entry.id}`}>
                  <td>
                    <time dateTime={entry.createdAt}>
                      {new Date(entry.createdAt).toLocaleString(i18n.language === "en" ? "en-GB" : "sv-SE", {
                        dateStyle: "short",
                        timeStyle: "short",
                        timeZone: "Europe/Stockholm",
                      })}
                    </time>
                  </td>
                  <td>{t(auditActionKey(entry.action))}</td>
                  <td>{entry.reasonCategory ? t(`moderation.reason.${entry.reasonCategory}`) : t("moderation.log.none")}</td>
                  <td>
                    {entry.targetType === "user" ? (
                      t("moderation.log.aUser")
                    ) : entry.link ? (
                      <Link to={entry.link}>
                        {t(`moderation.target.${entry.targetType}`)} {entry.link.match(/\d+$/)?.[0]}
                      </Link>
                    ) : (
                      `${t(`moderation.target.${entry.targetType}`)} ${t("moderation.log.hidden")}`
                    )}
                  </td>
                  {seeActor ? <td>{entry.actorName}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {nextBefore ? (
        <p>
          <Link to={`/moderering?fore=${nextBefore}`}>{t("moderation.log.older")}</Link>
        </p>
      ) : null}
    </div>
  );
}
