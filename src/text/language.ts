import { foldWord, rawWords } from './fold.js';
import type { Language } from './languages.js';

/**
 * Which language a message is written in, from its words: German or English function and question words count
 * one each; an umlaut or ß, a German-only ending (-ung, -keit, …) or a German term of the glossary count half,
 * and German terms alone ("Zahnmedizin") are German. `null` when the text does not say (a name, "ok", "GTAI"): the conversation keeps its language, or takes the
 * channel's locale at its start. Words that both languages use ("in", "was", "so", "man") count for neither.
 */
export function detectLanguage(text: string, germanTerms: ReadonlySet<string> = EMPTY): Language | null {
  let german = /[äöüßÄÖÜ]/.test(text) ? 0.5 : 0;
  let english = 0;
  let terms = 0;
  for (const raw of rawWords(text)) {
    if (!raw) continue;
    const word = foldWord(raw.replace(/^[.\-'’&®]+|[.\-'’&®]+$/g, ''));
    if (GERMAN_WORDS.has(word)) german += 1;
    else if (ENGLISH_WORDS.has(word)) english += 1;
    else if (germanTerms.has(word) || GERMAN_ENDING.test(word)) {
      german += 0.5;
      if (germanTerms.has(word)) terms += 1;
    }
  }
  // "Zahnmedizin", "kontakt gtai": German terms and no English word at all
  if ((german >= 1 || (terms > 0 && english === 0)) && german > english) return 'de';
  if (english >= 1 && english > german) return 'en';
  return null;
}

/**
 * The language to answer a message in: its text's; when the text does not tell, the client's `locale` (pass it
 * only where the locale should count: the start of a conversation, a failed turn), else `fallback`.
 */
export function messageLanguage(
  text: string,
  germanTerms: ReadonlySet<string>,
  locale: string | undefined,
  fallback: Language,
): Language {
  return detectLanguage(text, germanTerms) ?? languageOfLocale(locale) ?? fallback;
}

/** The language a channel locale asks for (`de-DE`, `de-AT`, `de` → German), or `null` for any other. */
export function languageOfLocale(locale: string | undefined): Language | null {
  if (!locale) return null;
  return /^de(?:[-_]|$)/i.test(locale.trim()) ? 'de' : /^en(?:[-_]|$)/i.test(locale.trim()) ? 'en' : null;
}

const EMPTY: ReadonlySet<string> = new Set();

// Endings English words do not have (folded: "-ungen" also covers "Förderungen"); 6+ letters, so "young" is safe.
const GERMAN_ENDING = /^[a-z]{3,}(ungen|ung|keit|heit|schaft|lich|liche|lichen|ische|ischen|ieren|iert)$/;

const words = (list: string) => new Set(list.split(/\s+/).filter(Boolean).map(foldWord));

// Folded (ü → u, ß → ss). Only words a question in the other language would not use.
const GERMAN_WORDS = words(`
  der die das den dem des ein eine einer eines einem einen und oder aber ist sind waren wird werden wurde wurden
  wie wieviel wieviele viele vielen welche welcher welches welchen wer wen wem wessen wo woher wohin wann warum
  wieso weshalb gibt gibt's ich mir mich mein meine meinen meiner sie ihnen ihr ihre ihren wir uns unser unsere
  du dich dir dein deine kann kannst konnen konnte konnten mochte mochten muss mussen soll sollte bitte danke
  mal noch auch nur sehr hat haben hatte hatten sein seine nicht kein keine keinen dass dort hier als wenn denn
  insgesamt etwa ungefahr genau derzeit aktuell zum zur uber fur mit nach von vom bei beim seit zwischen unter
  gegen ohne durch sich es im ins auf aus jahr jahren erreiche erreichen erreicht kostet kosten arbeiten arbeitet
  beschaftigt bedeutet macht liegt steht welchem zustandig zustandige zustandigen sachsen deutschland deutschen
  deutsche sachsische sachsischen hallo servus moin tschuss ja nein dank hilfe helfen erzahl erzahlen mehr dazu
  weiter frage fragen antwort anfrage telefonnummer ansprechpartner ansprechpartnerin neu starten abbrechen gut
  guten morgen tag abend nummer rund heute jetzt schon bisher alle allen allem andere anderen etwas einige mehrere
`);

const ENGLISH_WORDS = words(`
  the a of is are does do did has have had how what which who whom whose where when why there their they this
  that these those it its can could would should will shall please about with for from to and or my me you your
  we our many much any some tell show give find number people work works working cost costs hello hi hey thanks
  thank yes no help more who's what's how's there's i i'm i'd i'll been being were be get got want need
  like know talk speak call contact person someone anyone company companies year years total all than most
  each other into over out up just also only still
`);
