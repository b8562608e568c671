import { runCli } from "../db/cli-database";
import { serverConfig } from "./env";
import { pruneStoredData } from "./prune";

await runCli(async (database, env) => {
  await database.migrate();
  const result = await pruneStoredData(database, serverConfig(env).session);
  console.log(
    `Rensat: ${result.liveEvents} livehändelser, ${result.sessions} sessioner, ${result.resetTokens} återställningslänkar, ${result.mails} skickade mejl.`,
  );
});
