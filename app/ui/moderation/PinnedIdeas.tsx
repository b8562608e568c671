import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** The ideas moderators have pinned in a challenge, above its idea list. */
export function PinnedIdeas({ ideas }: { ideas: { id: number; title: string }[] }) {
  const { t } = useTranslation();
  if (ideas.length === 0) return null;
  return (
    <section aria-labelledby="pinned-heading" className="card pinned-ideas">
      <h3 id="pinned-heading">{t("moderation.pinned")}</h3>
      <ul>
        {ideas.map((idea) => (
          <li key={idea.id}>
            <Link to={`/ideer/${idea.id}`}>{idea.title}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
