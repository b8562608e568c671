import { RowLink } from "../RowLink";
import { useT } from "../i18n/use-t";

export function IdeaStatusBadge({ status }: { status: string }) {
  const t = useT();
  return <span className={`badge badge-idea-${status}`}>{t(`idea.status.${status}`)}</span>;
}

export function AuthorLink({ author }: { author: { id: string; displayName: string } }) {
  return (
    <RowLink to={`/anvandare/${author.id}`} className="author">
      {author.displayName}
    </RowLink>
  );
}

/** Rendered, sanitised Markdown from the server (markdown.server.ts escapes HTML and allow-lists links). */
export function RenderedMarkdown({ html, className = "prose" }: { html: string; className?: string }) {
  return <div className={className} dangerouslySetInnerHTML={{ __html: html }} />;
}
