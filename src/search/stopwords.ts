import { foldWord } from '../text/fold.js';

/**
 * Words that carry no topic in a question (English and German), folded like questions are. The last line asks only
 * whether a claim holds ("…, right?", "is that correct?", "stimmt das?").
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  `a about above after again all also am an and any are as at be because been being below between both but by can
  could did do does doing done down during each either else ever every few for from further get gets give given go
  had has have having he her here hers him his how however i if in into is it its itself just know let like me might
  more most much must my no nor not now of off on once only or other our ours out over own please really said same
  say see shall she should show so some such tell than that the their theirs them then there these they this those
  through to too under until up us very via want was we were what when where whether which while who whom whose why
  will with within would yes yet you your yours many find found list name named explain describe details detail info
  information anything something thing things kind sort wondering wonder interested interest need looking look across around
  totally exactly roughly approximately approx about around currently actually basically
  generally typically usually really quite rather simply just still already today nowadays currently recently
  form forms formed working works worked involved engaged doing happen happens exist exists existing stand stands mean means meant called call known refer refers regarding concerning
  people thing things way ways lot lots number numbers amount many much few fewer less more most several some
  der die das den dem des ein eine einer eines einem einen und oder aber ist sind war waren wird werden wurde wie
  wieviel viele viel was wer wo welche welcher welches welchen gibt es gibt's im in am an auf aus bei mit nach von vor
  zu zum zur uber fur ich mir mich sie ihr ihre ihnen wir uns man kann konnen konnte bitte mal noch auch nur sehr
  hat haben hatte sein seine nicht kein keine dass da dort hier so als wenn denn etwa ungefahr genau derzeit
  warum wieso weshalb woran worauf wofur womit wovon wozu wann wen wem wessen welchem gab gibts gabe lautet lauten
  heisst nennen nenne nennt sagen sag sagt erzahl erzahlen erzahle erklaren erklare zeigen zeig mochte mochten
  worden gern gerne jemand etwas dazu daruber darin davon dabei eigentlich circa rund
  ca bzw sowie ihrer ihrem ihren seinen seinem seiner unserer meiner meinem meinen diese dieser dieses diesen diesem
  jene jener konnten kannst musst muss mussen soll sollen sollte wollen durfen darf vom beim ins
  zwar schon bereits jeweils wie's mein meine macht machen tut kommt kommen kamen stammen stammt heute
  weniger meisten mehr anzahl zahl liegt liegen steht stehen gilt gelten wobei durch bedeutet bedeuten versteht
  informationen angaben zahlt ab lange lang hoch hohe hoher
  right correct true wrong false stimmt richtig wahr falsch`
    .split(/\s+/)
    .filter((w) => w.length > 0)
    .map(foldWord),
);

/** A year as a word: a question that names one asks about that year; a sentence's year is no count. */
export const YEAR = /^(19|20)\d\d$/;

/** Words that ask how many things there are: a share ("70 %") does not answer them. */
export const HOW_MANY = /\b(how many|number of|wie ?viele|anzahl)\b/i;
export const SHARE_CUE = /\b(share|percentage|proportion|percent|part|fraction|anteil|prozent)\b/i;

/**
 * A question that asks for a share ("what percentage", "how big a part", "wie groß ist der Anteil"): the answer is a
 * share ("about 70 %", "two thirds"), and the words that ask for it name no topic.
 */
export const ASKS_SHARE =
  /\b(what|which|how (?:big|large|high)(?: (?:a|is the))?|wie (?:gross|hoch)(?: ist)?(?: der)?|welchen?|der) (share|percentage|proportion|part|fraction|anteil|prozentsatz)\b|\b(share|percentage|proportion|fraction) of\b|\bhow many percent\b|\bwie viel prozent\b/i;
/** The words of a share question that only ask for the share (folded). */
export const SHARE_WORDS: ReadonlySet<string> = new Set(
  'share percentage proportion part fraction percent anteil prozent prozentsatz big large high gross hoch'.split(' '),
);

/** Words that ask for a figure: the answer sentence should carry a number. */
export const COUNT_CUE =
  /\b(how (many|much|large|big|high|old)|how (big|large) a (part|share)|number of|amount of|count|total|what (share|percentage|proportion)|percent|wie ?(viele?|gross|hoch)|anzahl|zahl der|welche(r|n)? anteil|prozent|insgesamt)\b/i;

/**
 * A question that states a claim before it asks: "since …", "as …", "I've read that …", "…, right?", "stimmt das?".
 * Only there is a word the documents lack taken for the claim they contradict, not for the topic they lack.
 */
export const STATES_CLAIM =
  /^\s*(since|as|because|given that|da|weil)\b|\b(i|we)(?:'ve| have)? (read|heard|understand|was told|were told)\b|\b(apparently|supposedly|reportedly)\b|,?\s*(right|correct|true|yes|no|isn'?t it|wasn'?t it|aren'?t they|don'?t they|doesn'?t it|didn'?t it|stimmt'?s?|richtig|oder|nicht wahr)\s*\?|\b(is it true|stimmt es|ich habe gelesen|habe gehört)\b/i;
