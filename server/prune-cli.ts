import { runCli } from "../db/cli-database";
import { pruneStoredData } from "./prune";

await runCli(async (database) => {
  await database.migrate();
  const result = await pruneStoredData(database);
  console.log(
    `Rensat: ${result.liveEvents} livehändelser, ${result.sessions} sessioner, ${result.resetTokens} återställningslänkar, ${result.mails} skickade mejl.`,
  );
});
