import { buildTemplates, TEMPLATE_DIR_ENV } from "./templates";

/**
 * Runs once before the workers start: builds the empty and seeded database templates that
 * tests/support/databases.ts copies, and removes them when the run ends.
 */
export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  if (process.env[TEMPLATE_DIR_ENV]) return undefined;
  const templates = await buildTemplates(process.env.TEST_DATABASE_URL);
  Object.assign(process.env, templates.env);
  return templates.remove;
}
