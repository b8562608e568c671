import { runCli } from "./cli-database";

await runCli(async (database) => {
  await database.migrate();
  console.log(`Migreringarna är körda (${database.location}).`);
});
