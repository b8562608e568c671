/**
 * Swedish words that people build passwords from, added to zxcvbn's own lists (common breached
 * passwords, English and Finnish words and names). Lower case; zxcvbn also finds
 * them with capitals, digits, years and l33t spellings around them ("Sommar2024!", "l0s3n0rd").
 */
const words = [
  // Password words and greetings
  "lösenord", "losenord", "losen", "lösen", "hemligt", "hemlis", "hejsan", "hejhej", "hallå", "hallå", "tjena", "tjenare",
  "tjabba", "välkommen", "valkommen", "kärlek", "karlek", "älskling", "alskling", "älskar", "alskar", "jagälskardig",
  "puss", "pussgurka", "sötnos", "sotnos", "gullet", "hjärtat", "hjartat", "mamma", "pappa", "mormor", "farmor",
  "morfar", "farfar", "syster", "bror", "familjen", "barnen",
  // Seasons, months, days, holidays
  "sommar", "vinter", "hösten", "hosten", "höst", "host", "våren", "varen", "vår", "januari", "februari", "mars",
  "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december", "måndag", "mandag",
  "tisdag", "onsdag", "torsdag", "fredag", "lördag", "lordag", "söndag", "sondag", "midsommar", "julafton", "påsk",
  "pask", "semester", "solsken", "snö", "sno",
  // Everyday words
  "sverige", "svenska", "svensk", "kanelbulle", "fika", "kaffe", "glass", "godis", "choklad", "lakrits", "pizza",
  "hund", "katt", "kissekatt", "kissen", "hästen", "hasten", "häst", "hast", "fotboll", "hockey", "innebandy",
  "jakt", "fiske", "stuga", "sommarstuga", "skärgården", "skargarden", "blomma", "rosen", "solen", "månen", "manen",
  "stjärna", "stjarna", "regnbåge", "regnbage", "dator", "datorn", "skolan", "jobbet", "arbete", "kommun", "kommunen",
  "forum", "samhälle", "samhalle", "samhällsforum", "samhallsforum", "samhällskontraktet", "samhallskontraktet",
  "qwertyuiopå", "asdfghjklöä", "zxcvbnm",
  // Places, the two municipalities first
  "eskilstuna", "västerås", "vasteras", "mälardalen", "malardalen", "mälaren", "malaren", "sörmland", "sormland",
  "västmanland", "vastmanland", "torshälla", "torshalla", "köping", "koping", "arboga", "strängnäs", "strangnas",
  "nyköping", "nykoping", "katrineholm", "enköping", "enkoping", "sala", "stockholm", "göteborg", "goteborg",
  "malmö", "malmo", "uppsala", "örebro", "orebro", "linköping", "linkoping", "norrköping", "norrkoping", "helsingborg",
  "jönköping", "jonkoping", "umeå", "umea", "luleå", "lulea", "gävle", "gavle", "sundsvall", "karlstad", "växjö",
  "vaxjo", "halmstad", "kiruna", "gotland", "visby", "skåne", "skane", "norrland", "dalarna", "värmland", "varmland",
  "småland", "smaland", "lappland",
  // Football and hockey clubs
  "aik", "djurgården", "djurgarden", "dif", "hammarby", "bajen", "ifkgöteborg", "ifkgoteborg", "blåvitt", "blavitt",
  "malmöff", "malmoff", "mff", "häcken", "hacken", "elfsborg", "norrköping", "sirius", "kalmarff", "degerfors",
  "helsingborgsif", "örgryte", "orgryte", "gais", "halmstadsbk", "västeråssk", "vasterassk", "vsk", "eskilstunacity",
  "afceskilstuna", "frölunda", "frolunda", "färjestad", "farjestad", "brynäs", "brynas", "luleåhockey", "skellefteå",
  "skelleftea", "modo", "leksand", "rögle", "rogle", "tre kronor", "trekronor", "blågult", "blagult",
  // Well known in Sweden
  "kalleanka", "pippi", "pippilångstrump", "pippilangstrump", "emililönneberga", "zlatan", "abba", "volvo", "saab",
  "ikea", "melodifestivalen", "allsång", "allsang",
  // Common Swedish first names
  "anna", "maria", "eva", "karin", "kristina", "lena", "kerstin", "sara", "emma", "ingrid", "elin", "linnea", "ida",
  "hanna", "julia", "johanna", "malin", "sofia", "elsa", "alice", "maja", "ebba", "wilma", "saga", "astrid", "agnes",
  "ella", "frida", "moa", "klara", "lars", "mikael", "anders", "johan", "erik", "per", "karl", "peter", "jan",
  "thomas", "daniel", "fredrik", "hans", "bengt", "mats", "magnus", "stefan", "nils", "oscar", "lucas", "william",
  "liam", "hugo", "elias", "alexander", "olle", "axel", "ludvig", "viktor", "linus", "emil", "oskar", "kalle",
  "pelle", "lasse", "olof", "gustav", "sven", "björn", "bjorn", "göran", "goran", "leif",
  // Common Swedish surnames
  "andersson", "johansson", "karlsson", "nilsson", "eriksson", "larsson", "olsson", "persson", "svensson",
  "gustafsson", "pettersson", "jonsson", "jansson", "hansson", "bengtsson", "lindberg", "lindström", "lindstrom",
  "lindqvist", "berg", "bergström", "bergstrom", "lundberg", "lundgren", "axelsson", "jakobsson",
];

/** The words once each (a word may sit in two groups, e.g. a town and its club). */
export const swedishPasswordWords: string[] = [...new Set(words)];
