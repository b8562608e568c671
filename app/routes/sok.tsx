import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ideaStatuses } from "../../db/constants";
import { listChallenges, listFocusAreas } from "../domain/catalog/catalog.server";
import { searchContent, type SearchPage, type SearchResult } from "../domain/search/search.server";
import { maxQueryLength, searchKinds } from "../domain/search/rules";
import { StatusBadge } from "../ui/Tags";
import { PageLinks } from "../ui/PageLinks";
import { formatDate } from "../ui/format-date";
import { pageTitle } from "../ui/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, { key: "search.title" });

const paramsSchema = z.object({
  q: z.string().optional(),
  typ: z.enum(searchKinds).optional(),
  omrade: z.string().max(80).optional(),
  utmaning: z.string().max(120).optional(),
  status: z.enum(ideaStatuses).optional(),
  sida: z.coerce.number().int().min(1).max(1000).optional(),
});

type Problem = { key: string; values?: Record<string, string | number> };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const db = context.database.db;
  const url = new URL(request.url);
  const raw = Object.fromEntries([...url.searchParams].filter(([, v]) => v.trim() !== ""));
  const [areas, challenges] = await Promise.all([listFocusAreas(db), listChallenges(db)]);
  const parsed = paramsSchema.safeParse(raw);
  const form = {
    q: raw.q ?? "",
    typ: parsed.data?.typ ?? "",
    omrade: parsed.data?.omrade ?? "",
    utmaning: parsed.data?.utmaning ?? "",
    status: parsed.data?.status ?? "",
  };
  const options = {
    areas: areas.map((a) => ({ id: a.id, slug: a.slug, name: a.name })),
    challenges: challenges.map((c) => ({ slug: c.slug, title: c.title, focusAreaId: c.focusAreaId })),
  };
  const page = (problem: Problem | null, result: SearchPage | null, status = 200) =>
    data({ form, options, problem, result }, { status });

  if (!parsed.success) return page({ key: "search.invalidFilter" }, null, 400);
  const params = parsed.data;
  const q = (params.q ?? "").trim();
  if (q.length > maxQueryLength) return page({ key: "search.tooLong", values: { max: maxQueryLength } }, null, 400);
  const area = params.omrade ? areas.find((a) => a.slug === params.omrade) : undefined;
  if (params.omrade && !area) return page({ key: "search.unknownFocusArea" }, null, 400);
  const challenge = params.utmaning ? challenges.find((c) => c.slug === params.utmaning) : undefined;
  if (params.utmaning && !challenge) return page({ key: "search.unknownChallenge" }, null, 400);
  if (q === "") return page(null, null);

  const result = await searchContent(
    db,
    q,
    { kind: params.typ, focusAreaId: area?.id, challengeId: challenge?.id, ideaStatus: params.status },
    params.sida ?? 1,
  );
  return page(result.searchable ? null : { key: "search.onlyStopWords" }, result);
}

export default function SearchPageRoute() {
  const { t } = useTranslation();
  const { form, options, problem, result } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>{t("search.title")}</h1>
      <p className="lead">{t("search.lead")}</p>
      <Form method="get" action="/sok" className="search-page-form">
        {problem ? (
          <p className="form-error" role="alert" id="search-problem">
            {t(problem.key, problem.values ?? {})}
          </p>
        ) : null}
        <div className="field">
          <label htmlFor="search-q">{t("search.label")}</label>
          <input
            id="search-q"
            type="search"
            name="q"
            defaultValue={form.q}
            aria-describedby={problem ? "search-hint search-problem" : "search-hint"}
            aria-invalid={problem?.key === "search.tooLong" ? true : undefined}
          />
          <p className="hint" id="search-hint">
            {t("search.hint")}
          </p>
        </div>
        <fieldset className="filters">
          <legend>{t("search.filters")}</legend>
          <div className="field">
            <label htmlFor="search-kind">{t("search.kind")}</label>
            <select id="search-kind" name="typ" defaultValue={form.typ}>
              <option value="">{t("search.allKinds")}</option>
              {searchKindOptions.map((k) => (
                <option key={k} value={k}>
                  {t(`search.kinds.${k}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="search-area">{t("search.focusArea")}</label>
            <select id="search-area" name="omrade" defaultValue={form.omrade}>
              <option value="">{t("search.allFocusAreas")}</option>
              {options.areas.map((a) => (
                <option key={a.slug} value={a.slug}>
                  {a.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="search-challenge">{t("search.challenge")}</label>
            <select id="search-challenge" name="utmaning" defaultValue={form.utmaning}>
              <option value="">{t("search.allChallenges")}</option>
              {options.areas.map((a) => (
                <optgroup key={a.slug} label={a.name}>
                  {options.challenges
                    .filter((c) => c.focusAreaId === a.id)
                    .map((c) => (
                      <option key={c.slug} value={c.slug}>
                        {c.title}
                      </option>
                    ))}
                </optgroup>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="search-status">{t("search.ideaStatus")}</label>
            <select id="search-status" name="status" defaultValue={form.status}>
              <option value="">{t("search.allStatuses")}</option>
              {ideaStatuses.map((s) => (
                <option key={s} value={s}>
                  {t(`search.status.${s}`)}
                </option>
              ))}
            </select>
          </div>
        </fieldset>
        <button type="submit" className="primary">
          {t("search.submit")}
        </button>
      </Form>
      {result?.searchable ? <Results result={result} q={form.q} /> : null}
    </div>
  );
}

const searchKindOptions = ["challenge", "idea", "comment"] as const;

function Results({ result, q }: { result: SearchPage; q: string }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="search-results-heading" className="stack">
      <h2 id="search-results-heading">{t("search.resultsTitle")}</h2>
      <p role="status">
        {result.total > 0
          ? result.capped
            ? t("search.resultsCapped", { total: result.total, q })
            : t("search.results", { count: result.total, q })
          : result.page > 1
            ? t("search.pageEmpty")
            : t("search.noResults", { q })}
      </p>
      {result.capped ? (
        <p className="hint" id="search-capped">
          {t("search.cappedHint", { limit: result.candidateLimit })}
        </p>
      ) : null}
      {result.results.length > 0 ? (
        <ol className="search-results card-list" start={(result.page - 1) * result.pageSize + 1}>
          {result.results.map((r) => (
            <li key={`${r.kind}-${r.id}`}>
              <ResultCard result={r} />
            </li>
          ))}
        </ol>
      ) : null}
      <PageLinks page={result.page} pageCount={result.pageCount} param="sida" label={t("search.pager.label")} />
    </section>
  );
}

function resultHref(r: SearchResult): string {
  if (r.kind === "challenge") return `/utmaningar/${r.slug}`;
  if (r.kind === "idea") return `/ideer/${r.id}`;
  return `/ideer/${r.ideaId}#kommentar-${r.id}`;
}

function ResultCard({ result: r }: { result: SearchResult }) {
  const { t, i18n } = useTranslation();
  return (
    <article className="card search-result">
      <p className="search-kind">
        <span className={`kind kind-${r.kind}`}>{t(`search.kindLabel.${r.kind}`)}</span>
        {r.kind === "challenge" ? <StatusBadge status={r.status} /> : null}
        {r.kind === "idea" ? <span className={`badge badge-idea-${r.status}`}>{t(`search.status.${r.status}`)}</span> : null}
      </p>
      <h3>
        {r.kind === "comment" ? <span className="visually-hidden">{t("search.commentOn")}: </span> : null}
        {/* Escaped by highlightToHtml: only the <mark> around matched words is markup. */}
        <Link to={resultHref(r)} dangerouslySetInnerHTML={{ __html: r.titleHtml }} />
      </h3>
      <p className="snippet" dangerouslySetInnerHTML={{ __html: r.snippetHtml }} />
      <p className="muted search-meta">
        {r.kind === "challenge" ? t("search.inFocusArea", { name: r.focusAreaName }) : null}
        {r.kind === "idea"
          ? `${t("search.inChallenge", { title: r.challengeTitle })} · ${t("search.by", { name: r.authorName })}`
          : null}
        {r.kind === "comment" ? `${t("search.commentOn")} · ${t("search.by", { name: r.authorName })}` : null}
        {" · "}
        <time dateTime={new Date(r.createdAt).toISOString()}>{formatDate(r.createdAt, i18n.language)}</time>
      </p>
    </article>
  );
}
