import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createTestDatabase, databaseKinds, type TestDatabase } from "../support/databases";
import { ideas } from "../../db/schema";
import { createIdea, listRevisions } from "../../app/domain/ideas/ideas.server";
import { createComment, deleteComment, updateComment } from "../../app/domain/comments/comments.server";
import {
  getThread,
  listCommentThreads,
  repliesPerThread,
  threadPageFor,
  threadPageOf,
  threadsPerPage,
} from "../../app/domain/comments/threads.server";
import { counterDrift, createResidents } from "./ideas-fixtures";
import { makeChallenge, makePerson } from "../support/factories";

describe.each(databaseKinds)("comments domain on %s", (kind) => {
  let database: TestDatabase;
  let amina: string;
  let erik: string;
  let ideaId: number;
  let challenge: number;

  beforeAll(async () => {
    database = await createTestDatabase(kind, { seed: false });
    amina = (await makePerson(database.db, { name: "Amina Andersson" })).id;
    erik = (await makePerson(database.db, { name: "Erik Grannsson" })).id;
    challenge = (await makeChallenge(database.db)).id;
    const idea = await createIdea(database.db, {
      challengeId: challenge,
      authorId: amina,
      title: "Idé för kommentarstester",
      body: "Text",
    });
    if (!idea.ok) throw new Error(idea.problem);
    ideaId = idea.ideaId;
  });
  afterAll(() => database?.close());

  async function comment(authorId: string, body: string, parentId?: number) {
    const r = await createComment(database.db, { ideaId, authorId, body, parentId });
    if (!r.ok) throw new Error(r.problem);
    return r;
  }

  it("threads replies at any depth, indents up to three levels and names whom deeper replies answer", async () => {
    const root = await comment(amina, "Nivå 0");
    expect(root.events.map((e) => [e.room, e.type])).toEqual([
      [`idea:${ideaId}`, "comment.created"],
      [expect.stringMatching(/^challenge:\d+$/), "idea.updated"],
    ]);
    let parent = root.commentId;
    const chain = [root.commentId];
    for (let depth = 1; depth <= 6; depth++) {
      const reply = await comment(depth % 2 ? erik : amina, `Nivå ${depth}`, parent);
      chain.push(reply.commentId);
      parent = reply.commentId;
    }
    const sibling = await comment(erik, "Ett till svar på roten", root.commentId);
    const { comments } = await listCommentThreads(database.db, ideaId);
    const thread = comments.filter((c) => c.rootId === root.commentId);
    expect(thread.map((c) => c.id)).toEqual([...chain, sibling.commentId]);
    expect(thread.map((c) => c.indent)).toEqual([0, 1, 2, 3, 3, 3, 3, 1]);
    expect(thread[4].replyTo).toEqual({ id: chain[3], displayName: "Erik Grannsson" });
    expect(thread[2].replyTo).toBeNull();
    expect(thread[6].bodyHtml).toContain("Nivå 6");
  });

  it("soft-deletes a comment: its replies stay, its text goes, the count drops", async () => {
    const root = await comment(erik, "Kommentar som tas bort");
    const reply = await comment(amina, "Svar som ska finnas kvar", root.commentId);
    const [before] = await database.db.select().from(ideas).where(eq(ideas.id, ideaId));
    const deleted = await deleteComment(database.db, { commentId: root.commentId });
    expect(deleted.ok && deleted.events[0]).toMatchObject({ type: "comment.deleted", payload: { id: root.commentId } });
    const [after] = await database.db.select().from(ideas).where(eq(ideas.id, ideaId));
    expect(after.commentCount).toBe(before.commentCount - 1);
    const { comments } = await listCommentThreads(database.db, ideaId);
    const shown = comments.find((c) => c.id === root.commentId)!;
    expect(shown).toMatchObject({ state: "deleted", bodyHtml: null });
    expect(JSON.stringify(shown)).not.toContain("Kommentar som tas bort");
    expect(comments.find((c) => c.id === reply.commentId)?.bodyHtml).toContain("Svar som ska finnas kvar");
    expect((await deleteComment(database.db, { commentId: root.commentId })).ok).toBe(true);
    expect(await counterDrift(database.rows)).toEqual([]);
  });

  it("keeps the old text of an edited comment in revisions", async () => {
    const c = await comment(erik, "Före");
    const edited = await updateComment(database.db, { commentId: c.commentId, editorId: erik, body: "Efter" });
    expect(edited.ok && edited.events[0]).toMatchObject({ type: "comment.updated", payload: { id: c.commentId } });
    const history = await listRevisions(database.db, "comment", c.commentId);
    expect(history.map((r) => r.body)).toEqual(["Före"]);
  });

  it("refuses comments on a locked idea and replies to a comment of another idea", async () => {
    const other = await createIdea(database.db, {
      challengeId: challenge,
      authorId: erik,
      title: "En annan idé",
      body: "Text",
    });
    if (!other.ok) throw new Error(other.problem);
    const foreign = await createComment(database.db, { ideaId: other.ideaId, authorId: amina, body: "Där" });
    if (!foreign.ok) throw new Error(foreign.problem);
    expect(await createComment(database.db, { ideaId, authorId: amina, body: "Fel tråd", parentId: foreign.commentId })).toEqual({
      ok: false,
      problem: "parent_not_found",
    });
    await database.db.update(ideas).set({ locked: true }).where(eq(ideas.id, other.ideaId));
    expect(await createComment(database.db, { ideaId: other.ideaId, authorId: amina, body: "Låst" })).toEqual({
      ok: false,
      problem: "idea_locked",
    });
  });

  it("pages 50 top-level threads at a time with a keyset cursor", async () => {
    const idea = await createIdea(database.db, {
      challengeId: challenge,
      authorId: erik,
      title: "Idé med många trådar",
      body: "Text",
    });
    if (!idea.ok) throw new Error(idea.problem);
    const authors = await createResidents(database.db, 5, "trådare");
    const made: number[] = [];
    for (let i = 0; i < threadsPerPage + 7; i++) {
      const r = await createComment(database.db, { ideaId: idea.ideaId, authorId: authors[i % 5], body: `Tråd ${i}` });
      if (!r.ok) throw new Error(r.problem);
      made.push(r.commentId);
      if (i === 49)
        await createComment(database.db, { ideaId: idea.ideaId, authorId: erik, body: "Svar", parentId: r.commentId });
    }
    const first = await listCommentThreads(database.db, idea.ideaId);
    const firstRoots = first.comments.filter((c) => c.depth === 0).map((c) => c.id);
    expect(firstRoots).toEqual(made.slice(0, threadsPerPage));
    expect(first.comments.filter((c) => c.depth > 0)).toHaveLength(1);
    expect(first.nextCursor).toBe(made[threadsPerPage - 1]);
    const second = await listCommentThreads(database.db, idea.ideaId, first.nextCursor!);
    expect(second.comments.map((c) => c.id)).toEqual(made.slice(threadsPerPage));
    expect(second.nextCursor).toBeNull();
  });

  it("shows the first 20 replies of a long thread on the idea page and pages all of them on the thread page", async () => {
    const idea = await createIdea(database.db, {
      challengeId: challenge,
      authorId: erik,
      title: "Idé med en lång tråd",
      body: "Text",
    });
    if (!idea.ok) throw new Error(idea.problem);
    const say = async (authorId: string, body: string, parentId?: number) => {
      const r = await createComment(database.db, { ideaId: idea.ideaId, authorId, body, parentId });
      if (!r.ok) throw new Error(r.problem);
      return r.commentId;
    };
    const [svea, olle] = await createResidents(database.db, 2, "långtrådare");
    const root = await say(amina, "Roten i den långa tråden");
    const replies: number[] = [];
    const parents: number[] = [];
    for (let i = 0; i < 25; i++) {
      // Every fifth reply answers the reply before it, the others answer the root.
      const parent = i % 5 === 4 ? replies[i - 1] : root;
      parents.push(parent);
      replies.push(await say(i % 2 ? svea : olle, `Svar nummer ${i}`, parent));
    }
    const short = await say(erik, "En kort tråd");
    const shortReplies = [await say(amina, "Första svaret", short), await say(svea, "Andra svaret", short)];

    const page = await listCommentThreads(database.db, idea.ideaId);
    const long = page.comments.filter((c) => c.rootId === root);
    expect(repliesPerThread).toBe(20);
    expect(long[0].id).toBe(root);
    expect(
      long
        .slice(1)
        .map((c) => c.id)
        .sort((a, b) => a - b),
    ).toEqual(replies.slice(0, 20));
    // Still a tree: each shown reply comes after its parent.
    for (const c of long.slice(1)) expect(long.findIndex((p) => p.id === c.parentId)).toBeLessThan(long.indexOf(c));
    expect(page.threadsWithMoreReplies).toEqual([root]);
    expect(page.comments.filter((c) => c.rootId === short).map((c) => c.id)).toEqual([short, ...shortReplies]);
    // A thread with exactly as many replies as are shown has no more.
    const cut = await listCommentThreads(database.db, idea.ideaId, undefined, { replies: 2 });
    expect(cut.threadsWithMoreReplies).toEqual([root]);
    expect(cut.comments.filter((c) => c.rootId === root).map((c) => c.id)).toEqual([root, replies[0], replies[1]]);

    // The thread page: the whole thread in the order it was written, a page at a time.
    const seen: number[] = [];
    let after: number | null = null;
    let pages = 0;
    do {
      const thread = await getThread(database.db, idea.ideaId, root, { after, pageSize: 10 });
      if (!thread) throw new Error("thread not found");
      expect(thread.root).toMatchObject({ id: root, indent: 0, replyTo: null });
      expect(thread.continued).toBe(after !== null);
      seen.push(...thread.replies.map((r) => r.id));
      after = thread.nextCursor;
      pages++;
    } while (after !== null && pages < 5);
    expect(pages).toBe(3);
    expect(seen).toEqual(replies);
    const whole = (await getThread(database.db, idea.ideaId, root))!;
    expect(whole.replies.map((r) => r.id)).toEqual(replies);
    expect(whole.nextCursor).toBeNull();
    // Replies to the root name nobody; replies to a reply name whom they answer.
    expect(whole.replies[0].replyTo).toBeNull();
    expect(whole.replies[4].replyTo).toEqual({ id: replies[3], displayName: "långtrådare 0" });
    expect(whole.replies.every((r) => r.indent === 1)).toBe(true);

    // A cursor of another thread, or of nothing, starts the thread over; a root of another idea or a reply is no thread.
    expect((await getThread(database.db, idea.ideaId, root, { after: shortReplies[0], pageSize: 10 }))!.replies[0].id).toBe(
      replies[0],
    );
    expect((await getThread(database.db, idea.ideaId, root, { after: 2_000_000_000, pageSize: 10 }))!.continued).toBe(false);
    expect(await getThread(database.db, ideaId, root)).toBeNull();
    expect(await getThread(database.db, idea.ideaId, replies[3])).toBeNull();
    expect(await getThread(database.db, idea.ideaId, 0)).toBeNull();

    // Removed text stays removed on the thread page too.
    await deleteComment(database.db, { commentId: replies[22] });
    const after22 = (await getThread(database.db, idea.ideaId, root, { after: replies[21] }))!;
    expect(after22.replies.map((r) => r.id)).toEqual(replies.slice(22));
    expect(after22.replies[0]).toMatchObject({ state: "deleted", bodyHtml: null });
    expect(JSON.stringify(after22)).not.toContain("Svar nummer 22");

    // Where a new comment shows: on the idea page, or on the thread page that starts with it.
    expect(await threadPageOf(database.db, root)).toBeNull();
    expect(await threadPageOf(database.db, replies[19])).toBeNull();
    expect(await threadPageOf(database.db, replies[20])).toEqual({ rootId: root, after: replies[19] });
    expect(await threadPageOf(database.db, replies[24])).toEqual({ rootId: root, after: replies[23] });
    expect(await threadPageOf(database.db, shortReplies[1])).toBeNull();

    // From the thread page: the writer's own page when the reply is on it, else the page that starts with it.
    expect(await threadPageFor(database.db, replies[24], root, null)).toEqual({ after: null });
    expect(await threadPageFor(database.db, replies[24], root, replies[9])).toEqual({ after: replies[9] });
    expect(await threadPageFor(database.db, replies[24], root, replies[9], 10)).toEqual({ after: replies[23] });
    expect(await threadPageFor(database.db, replies[19], root, replies[9], 10)).toEqual({ after: replies[9] });
    expect(await threadPageFor(database.db, replies[20], root, replies[9], 10)).toEqual({ after: replies[19] });
    // A cursor of another thread, or not before the reply, counts as the first page.
    expect(await threadPageFor(database.db, replies[5], root, shortReplies[0], 10)).toEqual({ after: null });
    expect(await threadPageFor(database.db, replies[5], root, replies[7], 10)).toEqual({ after: null });
    expect(await threadPageFor(database.db, replies[15], root, replies[20], 10)).toEqual({ after: replies[14] });
    // A comment that is not a reply in the thread has no page there.
    expect(await threadPageFor(database.db, shortReplies[1], root, null)).toBeNull();
    expect(await threadPageFor(database.db, root, root, null)).toBeNull();
  });
});
