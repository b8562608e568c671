import { merge } from "./registry";
import common from "./sv/common.json";
import forum from "./sv/forum.json";
import live from "./sv/live.json";
import moderation from "./sv/moderation.json";
import lab from "./sv/lab.json";
import insights from "./sv/insights.json";
import site from "./sv/site.json";
import accessibility from "./sv/accessibility.json";
import privacy from "./sv/privacy.json";
import errors from "./sv/errors.json";

/** Every text of the language, one tree (a chunk of its own in the browser build). */
export default merge(common, forum, live, moderation, lab, accessibility, site, insights, privacy, errors);
