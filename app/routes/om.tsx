import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listPartners, listFocusAreas } from "../domain/catalog/catalog.server";
import { perspectiveKeys } from "../domain/catalog/perspectives";
import { pageTitle } from "../ui/meta";
import { getSiteBlocks } from "../domain/site/blocks.server";
import { renderMarkdown } from "../domain/content/markdown.server";
import { can } from "../auth/permissions";
import { getUser } from "../auth/session.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, { key: "about.title" });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const db = context.database.db;
  const [partners, areas, blocks, user] = await Promise.all([
    listPartners(db),
    listFocusAreas(db),
    getSiteBlocks(db),
    getUser(request, context),
  ]);
  // Staff write these blocks in Markdown (/redaktion/om); an empty block is left out.
  const html = Object.fromEntries(Object.entries(blocks).map(([k, v]) => [k, v ? renderMarkdown(v) : ""])) as Record<
    keyof typeof blocks,
    string
  >;
  return { partners, areas, perspectives: perspectiveKeys, html, canEdit: can(user, "site.edit") };
}

export default function About() {
  const { t } = useTranslation();
  const { partners, areas, perspectives, html, canEdit } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>{t("about.title")}</h1>
      <p className="lead">{t("about.lead")}</p>
      {canEdit ? (
        <p>
          <Link to="/redaktion/om">{t("aboutContent.edit")}</Link>
        </p>
      ) : null}
      <BlockSection id="vision" title={t("aboutContent.vision")} html={html.vision} />
      <BlockSection id="mission" title={t("aboutContent.mission")} html={html.mission} />

      <section aria-labelledby="functions">
        <h2 id="functions">{t("about.functionsTitle")}</h2>
        <div className="grid">
          {(["forum", "lab", "academy"] as const).map((key) => (
            <div className="card" key={key}>
              <h3>{t(`about.${key}`)}</h3>
              <p>{t(`about.${key}Text`)}</p>
            </div>
          ))}
        </div>
      </section>

      <section aria-labelledby="partners">
        <h2 id="partners">{t("about.partnersTitle")}</h2>
        <ul className="grid card-list">
          {partners.map((p) => (
            <li key={p.id} className="card">
              <h3>{p.name}</h3>
              <p>{p.description}</p>
            </li>
          ))}
        </ul>
      </section>

      <BlockSection id="board" title={t("aboutContent.board")} html={html.board} />
      <BlockSection id="core-team" title={t("aboutContent.coreTeam")} html={html.core_team} />

      <section aria-labelledby="focus">
        <h2 id="focus">{t("about.focusTitle")}</h2>
        <ul>
          {areas.map((a) => (
            <li key={a.id}>
              <Link to={`/fokusomraden/${a.slug}`}>{a.name}</Link> – {a.summary}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="perspectives">
        <h2 id="perspectives">{t("about.perspectivesTitle")}</h2>
        <p>{t("about.perspectivesText")}</p>
        <ol>
          {perspectives.map((p) => (
            <li key={p}>{t(`perspective.${p}`)}</li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="goals">
        <h2 id="goals">{t("about.goalsTitle")}</h2>
        <p>{t("about.goalsText")}</p>
      </section>
    </div>
  );
}

function BlockSection({ id, title, html }: { id: string; title: string; html: string }) {
  if (!html) return null;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <div className="prose" dangerouslySetInnerHTML={{ __html: html }} />
    </section>
  );
}
