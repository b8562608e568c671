import { describe, expect, it } from "vitest";
import { checkPasswordPolicy } from "./password";

describe("password policy", () => {
  it.each([
    "password123",
    "1234567890",
    "qwertyuiop",
    "Sommar2024!",
    "lösenord123",
    "Lösenord2025",
    "hejsan12345",
    "Eskilstuna2024",
    "Västerås1234",
    "Hammarby1897",
    "djurgarden1",
    "Mälardalen1!",
    "Kalleanka123",
    "Andersson1985",
  ])("refuses %s as too easy to guess", async (password) => {
    expect(await checkPasswordPolicy(password)).toBe("too_common");
  });

  it.each(["grön-cykel-under-bron-42", "tre-fåglar-över-mälaren", "sju sorters kakor i skåpet", "Kv4rtsklocka#Fjällräv"])(
    "accepts a hard-to-guess password: %s",
    async (password) => {
      expect(await checkPasswordPolicy(password)).toBeNull();
    },
  );

  it("counts the user's own address and name as guessable words", async () => {
    expect(await checkPasswordPolicy("kvartsklocka77", [])).toBeNull();
    expect(await checkPasswordPolicy("kvartsklocka77", ["kvartsklocka@example.se", "Kvarts Klocka"])).toBe("too_common");
  });

  it("checks the length first", async () => {
    expect(await checkPasswordPolicy("kort1")).toBe("too_short");
    expect(await checkPasswordPolicy("x".repeat(129))).toBe("too_long");
  });
});
