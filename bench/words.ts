/**
 * Vocabulary for generated Swedish-like text. Common function words appear several times so that
 * sentences have roughly the word frequencies of real Swedish prose; the content words are the ones
 * residents use about school, health and their neighbourhood, so searches hit a realistic share.
 */
export const wordList = (
  "och och och att att att det det som som en en ett i i i på på på är är är för för med med till till " +
  "av av om om inte inte kan kan vi vi de de har har man man så så men men eller när där också mycket " +
  "skola skolan skolresultat läxhjälp frånvaro trygghet fritid förening bibliotek elevhälsa kurator " +
  "vårdnadshavare rast lunch frukost idrott läsning matematik lärare mentor samtal vård hälsa egenvård " +
  "teknik äldre anhöriga stöd cykel buss väg park ljus kväll helg sommar lov förslag idé prova testa " +
  "mötesplats grannar kvarter stad kommun ungdomar barn föräldrar elever klassrum schema mat sömn rörelse " +
  "psykisk ohälsa vårdcentral sjuksköterska digital app skärm larm trygghetslarm hemtjänst boende " +
  "ensamhet gemenskap språk nyanlända integration bostadsområde fritidsgård simhall skolgård läxor prov " +
  "betyg motivation studiero närvaro behov resurser samverkan region invånare medborgare tjänst " +
  "bättre fler mindre viktigt enkelt svårt tydligt gärna ofta ibland alltid aldrig tillsammans lokalt " +
  "behöver vill tycker borde skulle kunde hjälpa ordna erbjuda börja starta träffas lära förbättra minska öka"
).split(" ");

export const firstNames = (
  "Anna Eva Maria Karin Sara Emma Lena Kerstin Ingrid Elin Maja Alva Ella Ebba Wilma Saga Fatima Amina " +
  "Lars Erik Karl Anders Johan Per Nils Mikael Jan Oskar Lucas Liam William Hugo Elias Ali Mohammed Ahmed " +
  "Sofia Linnea Ida Hanna Julia Klara Astrid Agnes Olivia Selma Nora Leila Yusuf Omar Viktor Axel Filip"
).split(" ");

export const lastNames = (
  "Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsson Persson Svensson Gustafsson Pettersson " +
  "Jonsson Jansson Hansson Bengtsson Jönsson Lindberg Jakobsson Magnusson Olofsson Lindström Lindqvist " +
  "Lindgren Berg Axelsson Bergström Lundberg Lundgren Lind Mattsson Berglund Fredriksson Sandberg Henriksson " +
  "Hassan Ali Mohamed Yilmaz Nguyen Ahmadi Hosseini Abdi Korhonen Virtanen"
).split(" ");

/** SQL that creates volatile text helpers; each call returns new random words. */
export function textFunctionsSql(): string[] {
  const words = `array[${wordList.map((w) => `'${w}'`).join(",")}]`;
  return [
    `
create or replace function bench_words(n int) returns text language sql volatile as $$
  select string_agg((${words})[1 + floor(random() * ${wordList.length})::int], ' ') from generate_series(1, n)
$$`,
    `
create or replace function bench_sentence(n int) returns text language sql volatile as $$
  select upper(left(s, 1)) || substr(s, 2) || '.' from (select bench_words(n) as s) w
$$`,
    `
create or replace function bench_paragraph() returns text language sql volatile as $$
  select string_agg(bench_sentence(6 + floor(random() * 12)::int), ' ') from generate_series(1, 1 + floor(random() * 4)::int)
$$`,
    `
create or replace function bench_body(paragraphs int) returns text language sql volatile as $$
  select string_agg(case when random() < 0.15 then '- ' || bench_words(5) || E'\\n- ' || bench_words(7)
                         when random() < 0.1 then '**' || bench_words(3) || '** ' || bench_paragraph()
                         else bench_paragraph() end, E'\\n\\n')
  from generate_series(1, paragraphs)
$$`,
  ];
}

export const dropTextFunctionsSql = [
  "drop function if exists bench_body(int)",
  "drop function if exists bench_paragraph()",
  "drop function if exists bench_sentence(int)",
  "drop function if exists bench_words(int)",
];
