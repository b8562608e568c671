/**
 * The floor: what the signed-in idea page costs at the least, to measure every rendered page
 * against. The same visible content as the idea page (the header, the idea, the first page of its
 * comments with author, time, score, vote and reply controls), built from the same data the page's
 * loaders read, rendered by plain React `renderToString` and gzipped: no Remix, no routes, no
 * i18n, no serialised loader data. The data is read once; only rendering and gzip are timed.
 */
import zlib from "node:zlib";
import { renderToString } from "react-dom/server";
import type { Database } from "../db/client";
import { getIdeaPage } from "../app/domain/ideas/page.server";
import { listCommentThreads } from "../app/domain/comments/threads.server";
import { renderMarkdown } from "../app/domain/content/markdown.server";

type Threads = Awaited<ReturnType<typeof listCommentThreads>>;
type Idea = NonNullable<Awaited<ReturnType<typeof getIdeaPage>>>;

const relative = new Intl.RelativeTimeFormat("sv-SE", { numeric: "auto" });
const full = new Intl.DateTimeFormat("sv-SE", { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Stockholm" });

function Time({ date, now }: { date: Date; now: number }) {
  const hours = Math.round((date.getTime() - now) / 3_600_000);
  return (
    <time dateTime={date.toISOString()} title={full.format(date)}>
      {Math.abs(hours) < 24 ? relative.format(hours, "hour") : relative.format(Math.round(hours / 24), "day")}
    </time>
  );
}

function Page({ idea, threads, viewerId, now }: { idea: Idea; threads: Threads; viewerId: string; now: number }) {
  return (
    <html lang="sv">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{idea.title} – Samhällsforum</title>
        <link rel="stylesheet" href="/build/_assets/app.css" />
      </head>
      <body>
        <header className="site-header">
          <a href="/" className="brand">
            Samhällsforum
          </a>
          <nav aria-label="Huvudmeny">
            <a href="/utmaningar">Utmaningar</a> <a href="/projekt">Projekt</a> <a href="/aktuellt">Aktuellt</a>{" "}
            <a href="/notiser">Notiser</a> <a href="/konto">Mitt konto</a>
          </nav>
          <form action="/sok" role="search">
            <label htmlFor="q">Sök</label> <input id="q" name="q" type="search" /> <button type="submit">Sök</button>
          </form>
        </header>
        <main>
          <nav aria-label="Du är här">
            <a href="/utmaningar">Utmaningar</a> › <a href={`/utmaningar/${idea.challenge.slug}`}>{idea.challenge.title}</a>
          </nav>
          <article className="idea">
            <h1>{idea.title}</h1>
            <p className="meta">
              <a href={`/anvandare/${idea.author.id}`}>{idea.author.displayName}</a> · <Time date={idea.createdAt} now={now} />
            </p>
            <div className="markdown" dangerouslySetInnerHTML={{ __html: renderMarkdown(idea.body) }} />
            <form method="post">
              <input type="hidden" name="intent" value="support" />
              <button type="submit" aria-pressed={idea.supportedByViewer}>
                Stöd idén ({idea.supportCount})
              </button>
            </form>
          </article>
          <section aria-labelledby="kommentarer">
            <h2 id="kommentarer">Kommentarer ({idea.commentCount})</h2>
            <form method="post" id="roster">
              <input type="hidden" name="intent" value="vote" />
            </form>
            <ol className="comments">
              {threads.comments.map((c) => {
                const vote = threads.votes[c.id] ?? 0;
                return (
                  <li key={c.id} id={`kommentar-${c.id}`} className={`comment indent-${Math.min(c.depth, 3)}`}>
                    <article className="comment-body" aria-label={c.author.displayName}>
                      <p className="comment-meta">
                        <a href={`/anvandare/${c.author.id}`}>{c.author.displayName}</a> ·{" "}
                        <Time date={new Date(c.createdAt)} now={now} />
                      </p>
                      <div className="markdown" dangerouslySetInnerHTML={{ __html: c.bodyHtml ?? "" }} />
                      <div className="comment-actions">
                        <span className="score">{c.score} poäng</span>
                        {c.author.id !== viewerId ? (
                          <span className="vote-buttons">
                            <button type="submit" form="roster" name="vote" value={`${c.id}:1`} aria-pressed={vote === 1}>
                              <span aria-hidden="true">▲</span> Rösta upp
                            </button>
                            <button type="submit" form="roster" name="vote" value={`${c.id}:-1`} aria-pressed={vote === -1}>
                              <span aria-hidden="true">▼</span> Rösta ned
                            </button>
                          </span>
                        ) : null}
                        <a href={`?svara=${c.id}#kommentar-${c.id}`}>Svara</a>{" "}
                        <a href={`/rapportera?typ=comment&id=${c.id}`}>Rapportera</a>
                      </div>
                    </article>
                  </li>
                );
              })}
            </ol>
            <form method="post">
              <input type="hidden" name="intent" value="comment" />
              <label htmlFor="body">Skriv en kommentar</label>
              <textarea id="body" name="body" required maxLength={5000} />
              <button type="submit">Skicka</button>
            </form>
          </section>
        </main>
      </body>
    </html>
  );
}

export interface FloorResult {
  cpuMsPerPage: number;
  cpuMsPerPageGzip: number;
  bytes: number;
  gzipBytes: number;
}

function cpuMsPer(seconds: number, work: () => void): number {
  for (let i = 0; i < 50; i++) work(); // warm up the JIT
  let pages = 0;
  const before = process.cpuUsage();
  const deadline = performance.now() + seconds * 1000;
  while (performance.now() < deadline) {
    work();
    pages++;
  }
  const cpu = process.cpuUsage(before);
  return (cpu.user + cpu.system) / 1000 / pages;
}

/** The floor of the idea page `ideaId` as `viewerId` sees it, in CPU ms per page (one core). */
export async function measureFloor(database: Database, ideaId: number, viewerId: string, seconds: number): Promise<FloorResult> {
  const [idea, threads] = await Promise.all([
    getIdeaPage(database.db, ideaId, viewerId),
    listCommentThreads(database.db, ideaId, undefined, { viewerId }),
  ]);
  if (!idea) throw new Error(`floor: idea ${ideaId} not found`);
  const now = Date.now();
  const render = () => "<!DOCTYPE html>" + renderToString(<Page idea={idea} threads={threads} viewerId={viewerId} now={now} />);
  const html = render();
  // The server's compression middleware uses zlib's default level, as here.
  const gzipBytes = zlib.gzipSync(html).byteLength;
  return {
    cpuMsPerPage: cpuMsPer(seconds / 2, render),
    cpuMsPerPageGzip: cpuMsPer(seconds / 2, () => zlib.gzipSync(render())),
    bytes: Buffer.byteLength(html),
    gzipBytes,
  };
}
