import { runCli } from "./cli-database";
import { seed } from "./seed";

await runCli(async (database) => {
  await database.migrate();
  await seed(database.db);
  console.log(`Demodata finns på plats (${database.location}).`);
});
