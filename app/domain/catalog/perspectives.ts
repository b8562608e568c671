export { perspectiveKeys, type PerspectiveKey } from "../../../db/constants";
