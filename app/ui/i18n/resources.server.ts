import { addLanguage } from "./registry";
import sv from "./sv";
import en from "./en";

// The server answers in every language.
addLanguage("sv", sv);
addLanguage("en", en);
