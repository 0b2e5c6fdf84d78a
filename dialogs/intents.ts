/**
 * Patterns that recognise what a message is for, on folded text (lower case, no accents, words joined by
 * single spaces). English and German. Matched in the order of the route table in routes.ts.
 */
export const INTENT_PATTERNS = {
  cancel: /^(cancel|stop|start over|restart|reset|never mind|nevermind|abbrechen|neu starten|von vorne)$/,
  greeting:
    /^(hi|hello|hey|hallo|hello there|hi there|good (morning|afternoon|evening|day)|guten (morgen|tag|abend)|servus|moin|greetings)( bot)?$/,
  thanks:
    /^(thanks?( you)?( very much| a lot| so much)?|thx|cheers|great|perfect|ok thanks|danke( schon| sehr)?|vielen dank)$/,
  help: /^(help|hilfe|menu|options|(can|could|would) you help( me)?( please)?|help me( please)?|(please )?help( me)?|i need (some )?help|kannst du mir helfen|ich brauche hilfe|what can (i|you) (ask|do)( you)?|what do you (know|do)|how does this work|what can you help( me)? with|who are you|was kannst du|was kann ich fragen)$/,
  more: /^((please )?(tell me more|more|more details|more information|go on|continue|and more|elaborate)( please)?( about (that|this|it))?|mehr|mehr dazu|erzahl mir mehr)$/,
  // the investor wants their enquiry passed on (not merely a contact's details)
  lead: /\b((pass|hand|send|forward|submit|leave|share|give)( on| over| along)?( you)? my (enquiry|inquiry|request|details|contact details|data|message|question|number|e ?mail)|(contact|call|ring|email|e mail) me( back)?|get back to me|reach me|call ?back|(want|like|wish) to be contacted|have (someone|somebody) (contact|call) me|ruckruf|rufen sie mich (bitte )?(zuruck|an)|(kontaktieren|kontaktiert|melden sie sich bei|schreiben sie) (sie )?mich|(leiten|geben|schicken|senden) sie (bitte )?meine (anfrage|daten|nachricht|frage)( bitte)? (weiter|an)|meine (anfrage|daten|nachricht|frage)( an [a-z ]{1,60}?)? (senden|weiterleiten|weitergeben|ubermitteln|abschicken|schicken)|(kontaktiert|zuruckgerufen) werden)\b/,
  // a word about one's own phone ("reading the map on my phone") or a network's contacts ("establishes contacts
  // abroad") asks for no contact
  contact:
    /\b(contact|contacts (?:person|persons|people|details|for)|who can help|which person|what person|who is responsible|who are responsible|responsible person|postal address|address of|talk to|talk with|speak to|speak with|(?<!\bmy )(?:call|phone|telephone|e ?mail)|reach (?:him|her|them|you|someone|somebody|a person|mr|ms|mrs|dr|prof|gtai|the team)|be reached|(?:can|do|could|may) (?:i|we) reach|get in touch|human|real person|a person|someone|somebody|agent|representative|advisor|adviser|ansprechpartner|ansprechpartnerin|ansprechperson|ansprechen|an wen|wen kann ich|wer ist zustandig|zustandige person|kontakt|kontaktieren|kontaktdaten|telefon|telefonnummer|e mail adresse|anrufen|erreiche ich|erreichen|sprechen|mensch|berater|beraterin)\b/,
} as const;

/** Greeting words that may open a real question ("hi, how many hospitals…"): stripped before routing. */
export const GREETING_PREFIX =
  /^\s*(hi|hello|hey|hallo|good (morning|afternoon|evening)|guten (morgen|tag|abend)|dear (sir or madam|sir\/madam|sirs?|madam|team|all)|to whom it may concern|sehr geehrte damen und herren)( there)?\b[\s,!.]*/i;
