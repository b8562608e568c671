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

/** zxcvbn's score runs from 0 (guessed at once) to 4; below 3 a password falls to an offline guessing attack. */
export const minimumPasswordScore = 3;

type Zxcvbn = { checkAsync(password: string, userInputs?: string[]): Promise<{ score: number }> };
let estimator: Promise<Zxcvbn> | undefined;

/**
 * zxcvbn-ts with its list of breached and common passwords, English and Finnish words and names,
 * and Swedish words, places, clubs and names (db/swedish-passwords.ts). Loaded once, when first needed.
 */
function loadEstimator(): Promise<Zxcvbn> {
  estimator ??= (async () => {
    const [{ ZxcvbnFactory }, common, en, fi, { swedishPasswordWords }] = await Promise.all([
      import("@zxcvbn-ts/core"),
      import("@zxcvbn-ts/language-common"),
      import("@zxcvbn-ts/language-en"),
      import("@zxcvbn-ts/language-fi"),
      import("./swedish-passwords"),
    ]);
    return new ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...en.dictionary, ...fi.dictionary, "words-sv": swedishPasswordWords },
      graphs: common.adjacencyGraphs,
    });
  })();
  return estimator;
}

/**
 * The password rules, shared by registration, password reset, password change and the operator CLI.
 * `userInputs` (the address, the display name) count as guessable words too.
 */
export async function checkPasswordPolicy(password: string, userInputs: string[] = []): Promise<PasswordProblem | null> {
  if (password.length < passwordMinLength) return "too_short";
  if (password.length > passwordMaxLength) return "too_long";
  const zxcvbn = await loadEstimator();
  // Each input whole, its words, and its words run together ("Petra Prövar" → "petraprövar").
  const inputs = userInputs
    .map((input) => input.toLowerCase())
    .flatMap((input) => [input, input.replace(/[^\p{L}\p{N}]+/gu, ""), ...input.split(/[^\p{L}\p{N}]+/u)])
    .filter((w) => w.length >= 3);
  const { score } = await zxcvbn.checkAsync(password, inputs);
  if (score < minimumPasswordScore) return "too_common";
  return null;
}
