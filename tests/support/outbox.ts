import os from "node:os";
import path from "node:path";

/**
 * Where mail from a test server goes unless its test gives it a folder of its own
 * (startTestServer's config.mail.outboxDir): a throwaway folder per test process, never the
 * developer's data folder. A server process a test spawns is handed it as MAIL_OUTBOX_DIR.
 */
export const testOutbox = path.join(os.tmpdir(), `samhallsforum-test-mail-${process.pid}`);
