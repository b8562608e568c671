import { parseArgs } from "node:util";
import { createInterface } from "node:readline/promises";
import { eq } from "drizzle-orm";
import { runCli } from "./cli-database";
import { users, roles, type Role } from "./schema";
import { newId } from "./ids";
import { hashPassword, checkPasswordPolicy } from "./password";

const usage = "Användning: npm run user:create -- --email E --name N --role resident|moderator|lab_staff|admin [--password P]";

const { values } = parseArgs({
  options: {
    email: { type: "string" },
    name: { type: "string" },
    role: { type: "string", default: "resident" },
    password: { type: "string" },
  },
});

async function prompt(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
}

await runCli(async (database) => {
  const email = values.email?.trim().toLowerCase();
  const name = values.name?.trim();
  const role = values.role as Role;
  if (!email || !email.includes("@") || !name) throw new Error(usage);
  if (!roles.includes(role)) throw new Error(`Okänd roll "${values.role}". ${usage}`);
  const password = values.password ?? (await prompt("Lösenord: "));
  const problem = await checkPasswordPolicy(password, [email, name]);
  if (problem)
    throw new Error(`Lösenordet duger inte (${problem}): minst 10 och högst 128 tecken, och inte ett vanligt lösenord.`);

  await database.migrate();
  const passwordHash = await hashPassword(password);
  const [existing] = await database.db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (existing) {
    await database.db.update(users).set({ displayName: name, role, passwordHash }).where(eq(users.id, existing.id));
    console.log(`Uppdaterade ${email} (${role}).`);
  } else {
    await database.db.insert(users).values({ id: newId(), email, displayName: name, role, passwordHash });
    console.log(`Skapade ${email} (${role}).`);
  }
});
