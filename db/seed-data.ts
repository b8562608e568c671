import type { Role } from "./schema";
import type { PerspectiveKey } from "./constants";

export const partnerSeeds = [
  {
    slug: "mdu",
    name: "Mälardalens universitet",
    description: "Bidrar med forskning, utbildning och studenter som vill pröva idéer tillsammans med invånarna.",
    url: "https://www.mdu.se",
  },
  {
    slug: "eskilstuna",
    name: "Eskilstuna kommun",
    description: "Ansvarar för skola, omsorg och stadsutveckling i Eskilstuna och tar med sig idéerna in i verksamheten.",
    url: "https://www.eskilstuna.se",
  },
  {
    slug: "vasteras",
    name: "Västerås stad",
    description: "Driver välfärd och stadsutveckling i Västerås och testar nya arbetssätt i Samhällslabbet.",
    url: "https://www.vasteras.se",
  },
] as const;

export const focusAreaSeeds = [
  {
    slug: "skolresultat",
    name: "Skolresultat",
    summary: "Vad hjälper barn och unga att lyckas – i skolan, med hälsan och med tryggheten?",
    description:
      "Goda skolresultat handlar om mer än betyg. Här samlar vi utmaningar kring lärande, hälsa, trygghet och fritid, " +
      "där skola, familj, föreningsliv och forskning behöver arbeta tillsammans för att fler ska klara skolan.",
    position: 1,
  },
  {
    slug: "nara-vard",
    name: "Nära vård inklusive välfärdsteknik",
    summary: "Egenvård, hälsofrämjande arbete, psykisk hälsa och teknik som gör vardagen lättare.",
    description:
      "Vården flyttar närmare människors vardag. Här utforskar vi hur invånare kan få stöd tidigt, ta hand om sin egen hälsa " +
      "och använda välfärdsteknik på sina egna villkor – utan att någon lämnas utanför.",
    position: 2,
  },
] as const;

export const challengeSeeds: {
  slug: string;
  focusArea: string;
  title: string;
  summary: string;
  description: string;
  goals: number[];
  perspectives: PerspectiveKey[];
  owners: string[];
  threshold?: number;
}[] = [
  {
    slug: "narvaro-i-skolan",
    focusArea: "skolresultat",
    title: "Fler elever på plats i skolan",
    summary: "Hur kan vi tidigt fånga upp elever som börjar utebli från skolan?",
    description:
      "Problematisk skolfrånvaro börjar ofta smått: en missad lektion, en dag hemma som blir en vecka. " +
      "Vi söker idéer om hur skola, vårdnadshavare, elevhälsa och fritidsverksamhet kan upptäcka tecknen tidigt " +
      "och hjälpa eleven tillbaka – innan frånvaron hunnit bli ett mönster.",
    goals: [4, 3, 10],
    perspectives: ["proactive", "resident_first", "partnership"],
    owners: ["eskilstuna", "mdu"],
    threshold: 5,
  },
  {
    slug: "trygg-vag-till-skolan",
    focusArea: "skolresultat",
    title: "En trygg väg till och från skolan",
    summary: "Vad får barn och unga att känna sig trygga på vägen mellan hem, skola och fritid?",
    description:
      "Otrygghet på skolvägen påverkar både närvaro och koncentration. Berätta var du känner dig otrygg, " +
      "vad som redan fungerar i ditt område och vilka förändringar som skulle göra störst skillnad.",
    goals: [11, 16, 4],
    perspectives: ["safety", "resident_first", "trust"],
    owners: ["vasteras"],
  },
  {
    slug: "lasglada-barn",
    focusArea: "skolresultat",
    title: "Läsglädje från förskolan och uppåt",
    summary: "Hur väcker vi lusten att läsa hos barn som sällan möter böcker hemma?",
    description:
      "Läsförståelse är nyckeln till alla ämnen. Vi vill hitta nya sätt att få in berättelser och böcker i barns vardag – " +
      "på biblioteket, i föreningar, digitalt och på flera språk.",
    goals: [4, 10],
    perspectives: ["interdisciplinary", "digital", "partnership"],
    owners: ["eskilstuna", "vasteras", "mdu"],
  },
  {
    slug: "psykisk-halsa-unga",
    focusArea: "nara-vard",
    title: "Psykisk hälsa hos unga vuxna",
    summary: "Var ska unga vuxna vända sig när livet känns tungt, innan det blir en kris?",
    description:
      "Många unga vuxna vet inte vart de ska vända sig när de mår dåligt, och köerna till specialistvården är långa. " +
      "Vilka lågtröskelverksamheter, digitala stöd eller mötesplatser skulle hjälpa dig eller någon du känner?",
    goals: [3, 10],
    perspectives: ["proactive", "trust", "digital"],
    owners: ["vasteras", "mdu"],
  },
  {
    slug: "valfardsteknik-hemma",
    focusArea: "nara-vard",
    title: "Välfärdsteknik som gör vardagen enklare",
    summary: "Vilken teknik skulle hjälpa äldre och personer med funktionsnedsättning att leva självständigt hemma?",
    description:
      "Digitala tillsynskameror, läkemedelsrobotar och videosamtal kan ge mer frihet och mer tid för mötet mellan människor. " +
      "Men tekniken måste fungera för den som ska använda den. Dela erfarenheter och idéer om vad som behövs.",
    goals: [3, 9, 10],
    perspectives: ["digital", "user_time", "public_innovation"],
    owners: ["eskilstuna"],
  },
  {
    slug: "egenvard-och-halsa",
    focusArea: "nara-vard",
    title: "Stöd för egenvård i vardagen",
    summary: "Hur kan invånare få bättre stöd att själva främja sin hälsa och hantera långvarig sjukdom?",
    description:
      "Den som lever med diabetes, högt blodtryck eller långvarig smärta sköter det mesta av sin vård själv. " +
      "Vilket stöd, vilka verktyg och vilka mötesplatser skulle göra egenvården lättare och tryggare?",
    goals: [3, 17],
    perspectives: ["resident_first", "proactive", "partnership"],
    owners: ["vasteras", "eskilstuna"],
  },
  {
    slug: "fritid-for-alla",
    focusArea: "skolresultat",
    title: "Meningsfull fritid för alla barn (avslutad)",
    summary: "En avslutad utmaning om lovaktiviteter och föreningsliv.",
    description:
      "Utmaningen är stängd för nya idéer. De idéer som kom in har lämnats vidare till kommunernas fritidsförvaltningar.",
    goals: [4, 10, 3],
    perspectives: ["partnership", "trust"],
    owners: ["eskilstuna"],
  },
];

export const closedChallengeSlugs = ["fritid-for-alla"];

export const demoPassword = "samhallsforum-demo";

export const demoUsers: { email: string; displayName: string; role: Role }[] = [
  { email: "invanare@example.se", displayName: "Amina Invånare", role: "resident" },
  { email: "invanare2@example.se", displayName: "Erik Grannsson", role: "resident" },
  { email: "moderator@example.se", displayName: "Maja Moderator", role: "moderator" },
  { email: "labbet@example.se", displayName: "Leo Labbet", role: "lab_staff" },
  { email: "admin@example.se", displayName: "Alva Admin", role: "admin" },
];

export const ideaSeeds = [
  {
    challenge: "narvaro-i-skolan",
    author: "invanare@example.se",
    title: "Frukostklubb som får fler att komma i tid",
    body:
      "Många som kommer sent har inte ätit något hemma. En **frukostklubb** en halvtimme före första lektionen, " +
      "bemannad av fritidsledare och föreningar, skulle ge en anledning att komma *och* ett lugnt sätt att starta dagen.\n\n" +
      "- gratis för alla elever\n- ingen anmälan\n- en vuxen som hälsar alla välkomna vid namn",
    supporters: ["invanare2@example.se", "labbet@example.se", "moderator@example.se"],
  },
  {
    challenge: "narvaro-i-skolan",
    author: "invanare2@example.se",
    title: "Sms till vårdnadshavare redan första frånvarodagen",
    body:
      "Idag märks frånvaron ofta först när den är stor. Ett vänligt sms samma dag – inte ett varningsbrev – " +
      "kan öppna ett samtal innan problemet växer.",
    supporters: ["invanare@example.se"],
  },
  {
    challenge: "psykisk-halsa-unga",
    author: "invanare@example.se",
    title: "Drop-in-samtal på biblioteket på kvällstid",
    body:
      "Unga vuxna som jobbar eller pluggar på dagtid hinner inte till mottagningar. " +
      "Ett drop-in-samtal med kurator på stadsbiblioteket två kvällar i veckan vore en låg tröskel.",
    supporters: ["invanare2@example.se"],
  },
  {
    challenge: "valfardsteknik-hemma",
    author: "invanare2@example.se",
    title: "Prova-på-rum för välfärdsteknik",
    body:
      "Låt äldre och anhöriga prova tekniken innan den installeras hemma, i ett visningsrum på träffpunkten. " +
      "Det skulle minska oron och göra det lättare att säga ja – eller nej.",
    supporters: [],
  },
];

export const commentSeeds = [
  {
    idea: "Frukostklubb som får fler att komma i tid",
    author: "invanare2@example.se",
    body: "Bra idé! På min sons skola provade de detta en termin och det blev mycket lugnare på morgonen.",
    replies: [{ author: "invanare@example.se", body: "Vet du varför de slutade? Var det pengarna?" }],
  },
  {
    idea: "Frukostklubb som får fler att komma i tid",
    author: "labbet@example.se",
    body: "Intressant för Samhällslabbet. Finns det någon skola som vill vara med och testa i liten skala?",
    replies: [],
  },
  {
    idea: "Drop-in-samtal på biblioteket på kvällstid",
    author: "invanare2@example.se",
    body: "Jag hade gått dit. Viktigt att man kan vara anonym.",
    replies: [],
  },
];

/** A lab project that grew out of a seeded idea, so the path idea → project shows from the start. */
export const labProjectSeed = {
  idea: "Frukostklubb som får fler att komma i tid",
  slug: "frukostklubb-for-battre-narvaro",
  title: "Frukostklubb för bättre närvaro",
  summary:
    "En frukostklubb en halvtimme före första lektionen på två skolor i Eskilstuna, bemannad av fritidsledare och föreningar. " +
    "Vi följer närvaron under en termin.",
  lead: "labbet@example.se",
  reason: "Idén passar Eskilstunas pågående arbete med närvaro och två skolor vill pröva den redan nu.",
  update:
    "Två skolor är med: **Årbyskolan** och **Skiftingehus**. Fritidsledarna har planerat menyn och vi startar efter höstlovet.",
};
