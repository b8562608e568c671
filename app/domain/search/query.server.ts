import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";

/** Rows of a raw query, whichever driver is underneath (postgres.js returns an array, PGlite { rows }). */
export async function selectRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

const lexemePattern = /'((?:[^'\\]|''|\\.)*)'/g;

function decodeLexeme(quoted: string): string {
  return quoted.replace(/''/g, "'").replace(/\\(.)/g, "$1");
}

function encodeLexeme(lexeme: string): string {
  return `'${lexeme.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
}

// Shorter prefixes would match unrelated words ("is" → "isolering").
const minPrefixLength = 4;

/**
 * The user's words as a tsquery (text form), or null when nothing searchable is left
 * (only stop words or punctuation).
 *
 * websearch_to_tsquery('swedish', q) understands quotes, "or" and "-", but the Snowball
 * stemmer strips one suffix only: "skolresultat" is indexed as 'skolresult' while
 * "skolresultaten" becomes 'skolresultat', and the two would not meet. Stemming each
 * query lexeme once more and matching it as a prefix ('skolresult':*) finds both forms,
 * and Swedish compounds that begin with the word as well. The indexed tsvector is untouched.
 */
export async function buildSearchQuery(db: DbOrTx, text: string): Promise<string | null> {
  const [parsed] = await selectRows<{ query: string }>(db, sql`select websearch_to_tsquery('swedish', ${text})::text as query`);
  const query = parsed?.query ?? "";
  const lexemes = [...new Set([...query.matchAll(lexemePattern)].map((m) => decodeLexeme(m[1])))];
  if (lexemes.length === 0) return null;
  const stems = await selectRows<{ lexeme: string; stem: string | null }>(
    db,
    sql`select l.lexeme, (ts_lexize('swedish_stem', l.lexeme))[1] as stem
        from (values ${sql.join(
          lexemes.map((l) => sql`(${l}::text)`),
          sql`, `,
        )}) as l(lexeme)`,
  );
  const restemmed = new Map(stems.map((s) => [s.lexeme, s.stem]));
  return query.replace(lexemePattern, (_, quoted: string) => {
    const lexeme = decodeLexeme(quoted);
    const stem = restemmed.get(lexeme);
    const form = stem && stem.length >= minPrefixLength && lexeme.startsWith(stem) ? stem : lexeme;
    return form.length >= minPrefixLength ? `${encodeLexeme(form)}:*` : encodeLexeme(form);
  });
}
