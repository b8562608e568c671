import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { requirePermission } from "../auth/session.server";
import { getModerationSettings } from "../domain/moderation/settings.server";
import { moderationSettingKeys } from "../domain/moderation/rules";
import { listChallengeModeration, updateModerationSettings } from "../domain/moderation/challenge-settings.server";
import { pageTitle } from "../ui/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, { key: "moderation.settings.title" });

async function requireAdmin(args: LoaderFunctionArgs) {
  const user = await requirePermission(args.request, args.context, "moderation.queue");
  return requirePermission(args.request, args.context, "moderation.settings", { ownerId: user.id });
}

export async function loader(args: LoaderFunctionArgs) {
  await requireAdmin(args);
  const db = args.context.database.db;
  return { site: await getModerationSettings(db), challenges: await listChallengeModeration(db), saved: false };
}

const count = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const siteSchema = z.object({
  newAccountHours: count(0, 24 * 365),
  newAccountMaxLinks: count(0, 100),
  duplicateWindowMinutes: count(0, 24 * 60),
  premoderatedPosts: count(0, 100),
});

export async function action(args: ActionFunctionArgs) {
  const admin = await requireAdmin(args);
  const db = args.context.database.db;
  const form = await args.request.formData();
  const values = Object.fromEntries([...form].filter(([, v]) => typeof v === "string")) as Record<string, string>;
  const site = siteSchema.safeParse(values);
  const known = await listChallengeModeration(db);
  const perChallenge = known.map((c) => ({
    id: c.id,
    reportThreshold: count(1, 1000).safeParse(values[`threshold-${c.id}`]),
    premoderateNewAccounts: values[`premoderate-${c.id}`] === "on",
  }));
  const badChallenge = perChallenge.find((c) => !c.reportThreshold.success);
  if (!site.success || badChallenge) {
    return data({ ok: false as const, values }, { status: 400 });
  }
  await updateModerationSettings(db, admin.id, {
    site: site.data,
    challenges: perChallenge.map((c) => ({
      id: c.id,
      reportThreshold: c.reportThreshold.data!,
      premoderateNewAccounts: c.premoderateNewAccounts,
    })),
  });
  return { ok: true as const, values };
}

export default function ModerationSettingsPage() {
  const { t } = useTranslation();
  const { site, challenges } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const value = (name: string, fallback: number) => result?.values[name] ?? String(fallback);
  return (
    <div className="stack">
      <h1>{t("moderation.settings.title")}</h1>
      {result?.ok ? (
        <p className="notice" role="status">
          {t("moderation.settings.saved")}
        </p>
      ) : result ? (
        <p className="form-error" role="alert">
          {t("moderation.settings.invalid")}
        </p>
      ) : null}
      <Form method="post" className="stack">
        <fieldset className="decision-form">
          <legend>{t("moderation.settings.site")}</legend>
          {moderationSettingKeys.map((key) => (
            <div className="field" key={key}>
              <label htmlFor={`s-${key}`}>{t(`moderation.settings.${key}`)}</label>
              <input id={`s-${key}`} name={key} type="number" min={0} defaultValue={value(key, site[key])} />
            </div>
          ))}
        </fieldset>
        <div className="table-wrap">
          <table className="data">
            <caption>{t("moderation.settings.perChallenge")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("moderation.settings.challenge")}</th>
                <th scope="col">{t("moderation.settings.reportThreshold")}</th>
                <th scope="col">{t("moderation.settings.premoderate")}</th>
              </tr>
            </thead>
            <tbody>
              {challenges.map((c) => (
                <tr key={c.id}>
                  <th scope="row">{c.title}</th>
                  <td>
                    <label htmlFor={`threshold-${c.id}`} className="visually-hidden">
                      {t("moderation.settings.reportThreshold")} – {c.title}
                    </label>
                    <input
                      id={`threshold-${c.id}`}
                      name={`threshold-${c.id}`}
                      type="number"
                      min={1}
                      defaultValue={value(`threshold-${c.id}`, c.reportThreshold)}
                    />
                  </td>
                  <td>
                    <input
                      id={`premoderate-${c.id}`}
                      name={`premoderate-${c.id}`}
                      type="checkbox"
                      defaultChecked={result ? result.values[`premoderate-${c.id}`] === "on" : c.premoderateNewAccounts}
                    />
                    <label htmlFor={`premoderate-${c.id}`} className="visually-hidden">
                      {t("moderation.settings.premoderate")} – {c.title}
                    </label>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p>
          <button type="submit" className="primary">
            {t("moderation.settings.save")}
          </button>
        </p>
      </Form>
    </div>
  );
}
