export { hashPassword, verifyPassword, checkPasswordPolicy, passwordMinLength, passwordMaxLength } from "../../db/password";
export type { PasswordProblem } from "../../db/password";
