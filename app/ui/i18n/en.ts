import { merge } from "./registry";
import common from "./en/common.json";
import forum from "./en/forum.json";
import live from "./en/live.json";
import moderation from "./en/moderation.json";
import lab from "./en/lab.json";
import insights from "./en/insights.json";
import site from "./en/site.json";
import accessibility from "./en/accessibility.json";
import privacy from "./en/privacy.json";
import errors from "./en/errors.json";

/** Every text of the language, one tree (a chunk of its own in the browser build). */
export default merge(common, forum, live, moderation, lab, accessibility, site, insights, privacy, errors);
