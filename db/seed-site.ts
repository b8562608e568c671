import type { Tx } from "./client";
import { newsItems, siteBlocks } from "./schema";

const day = 24 * 3600 * 1000;

const blocks = {
  vision:
    "Ett samhälle där invånare, forskare, kommuner och föreningar tillsammans hittar lösningar på de svåra frågorna – och där alla kan se hur en idé blir till handling.",
  mission:
    "Samhällskontraktet samlar Mälardalens universitet, Eskilstuna kommun och Västerås stad för att utforska komplexa samhällsutmaningar. Vi lyssnar på invånarna i **Samhällsforum**, prövar idéer i **Samhällslabbet** och delar kunskap genom **Samhällsakademin**.",
  board:
    "Styrelsen består av företrädare för parterna och beslutar om inriktning och fokusområden.\n\n- Ordförande: företrädare för Mälardalens universitet\n- Ledamot: företrädare för Eskilstuna kommun\n- Ledamot: företrädare för Västerås stad",
  core_team:
    "Core Team driver det dagliga arbetet, väljer Agenda 2030-mål och delmål för varje utmaning och följer projekten i labbet.\n\n- Samordnare för Samhällsforum\n- Processledare för Samhällslabbet\n- Forskare från Samhällsakademin",
} as const;

/** The about page's blocks and a few news items and events, once. */
export async function seedSite(tx: Tx, authorId: string, now = new Date()): Promise<void> {
  for (const [key, body] of Object.entries(blocks)) {
    await tx
      .insert(siteBlocks)
      .values({ key: key as keyof typeof blocks, body })
      .onConflictDoNothing();
  }
  const upcomingStart = new Date(now.getTime() + 14 * day);
  upcomingStart.setUTCHours(16, 0, 0, 0);
  const pastStart = new Date(now.getTime() - 30 * day);
  pastStart.setUTCHours(15, 0, 0, 0);
  await tx
    .insert(newsItems)
    .values([
      {
        slug: "samhallsforum-oppnar",
        kind: "news",
        title: "Samhällsforum öppnar för invånarnas idéer",
        summary: "Nu kan alla som bor i Eskilstuna och Västerås lämna idéer på utmaningarna inom skolresultat och nära vård.",
        body: "Samhällsforum är öppet. Läs utmaningarna, lämna en idé och stöd andras.\n\nIdéer som får tillräckligt stöd bedöms av **Samhällslabbet** och kan bli projekt.",
        publishedAt: new Date(now.getTime() - 20 * day),
        authorId,
      },
      {
        slug: "frukostklubben-har-startat",
        kind: "news",
        title: "Frukostklubben har startat",
        summary: "Det första projektet från forumet är igång på Årbyskolan.",
        body: "Idén om en frukostklubb fick stöd i forumet och blev ett projekt i labbet. Följ projektet på [projektsidan](/projekt/frukostklubb-for-battre-narvaro).",
        publishedAt: new Date(now.getTime() - 6 * day),
        authorId,
      },
      {
        slug: "forelasning-inkludera-mera",
        kind: "event",
        title: "Föreläsning: Inkludera Mera",
        summary: "Samhällsakademin berättar om erfarenheterna från programmet Inkludera Mera.",
        body: "En föreläsning om hur skolor och föreningar kan arbeta tillsammans för att fler barn ska delta i fritidsaktiviteter.",
        publishedAt: new Date(now.getTime() - 45 * day),
        startsAt: pastStart,
        endsAt: new Date(pastStart.getTime() + 2 * 3600 * 1000),
        location: "Mälardalens universitet, Västerås",
        online: true,
        recordingUrl: "https://www.mdu.se/",
        authorId,
      },
      {
        slug: "invanardialog-nara-vard",
        kind: "event",
        title: "Invånardialog om nära vård",
        summary: "Kom och berätta vad som skulle göra vården närmare dig. Vi bjuder på fika.",
        body: "Vi samtalar om egenvård, psykisk hälsa och välfärdsteknik. Det du säger blir underlag för nya utmaningar i forumet.",
        publishedAt: new Date(now.getTime() - 2 * day),
        startsAt: upcomingStart,
        endsAt: new Date(upcomingStart.getTime() + 2 * 3600 * 1000),
        location: "Stadsbiblioteket, Eskilstuna",
        authorId,
      },
    ])
    .onConflictDoNothing();
}
