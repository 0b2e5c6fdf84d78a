import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { Language } from '../text/languages.js';
import { escapeMarkdown, escapeUserText } from './markdown.js';

/** Names of the reply templates every language provides. */
export const TEMPLATE_NAMES = [
  'welcome',
  'greeting',
  'help',
  'thanks',
  'cancel',
  'answer',
  'unknown',
  'didYouMean',
  'contact',
  'nothingMore',
  'error',
  'clusterSelect',
  'clusterProfile',
  'clusterMembership',
  'clusterCompare',
  'clusterExtreme',
  'clusterTotal',
  'clusterAreaExtreme',
  'consent',
  'leadIntro',
  'leadConfirmed',
  'leadProblems',
  'leadFailed',
  'leadPrompt',
  'leadCancelled',
  'leadPrivate',
  'slowDown',
  'memoryLost',
] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

export const LabelsSchema = z
  .object({
    /** BCP 47 locale for the numbers and dates the bot writes itself (en-GB: 1,894; de-DE: 1.894). */
    locale: z.string().refine((l) => Intl.NumberFormat.supportedLocalesOf(l).length > 0, 'an unknown locale'),
    suggestions: z.array(z.string().min(1).max(120)).min(1).max(6),
    talkToPerson: z.string(),
    whatCanIAsk: z.string(),
    tellMeMore: z.string(),
    call: z.string(),
    email: z.string(),
    phone: z.string(),
    fax: z.string(),
    emailLabel: z.string(),
    address: z.string(),
    contactCardTitle: z.string(),
    clusterCardTitle: z.string(),
    partnering: z.string(),
    askAbout: z.string().includes('{topic}'),
    youAsked: z.string(),
    sendEnquiryTo: z.string().includes('{name}'),
    /** The button that opens the investor's personal chat with the bot (Teams), from a group chat or channel. */
    openPersonalChat: z.string(),
    /** Ordinals for ranks below the first, as the cluster replies put them before "most" ("second", "zweit"). */
    ordinals: z.array(z.string()).min(3),
    leadForm: z
      .object({
        title: z.string(),
        name: z.string(),
        company: z.string(),
        email: z.string(),
        phone: z.string(),
        country: z.string(),
        message: z.string(),
        consentTitle: z.string(),
        consentToggle: z.string(),
        submit: z.string(),
        sentTitle: z.string(),
        reference: z.string(),
      })
      .strict(),
    leadNotice: z
      .object({
        title: z.string().includes('{reference}'),
        intro: z.string(),
        investor: z.string(),
        enquiry: z.string(),
        conversation: z.string(),
        replyByEmail: z.string(),
      })
      .strict(),
    leadQuestions: z
      .object({
        name: z.string(),
        company: z.string(),
        email: z.string(),
        phone: z.string(),
        country: z.string(),
        message: z.string(),
        consent: z.string(),
      })
      .strict(),
    yes: z.string(),
    no: z.string(),
    skip: z.string(),
    fieldProblems: z
      .object({
        required: z.string().includes('{field}'),
        tooLong: z.string().includes('{field}'),
        invalidEmail: z.string().includes('{field}'),
        invalidPhone: z.string().includes('{field}'),
        consent: z.string(),
        unknownFields: z.string(),
      })
      .strict(),
    figureNotAvailable: z.string(),
    /** Before an honest partial answer: the documents give no figure for what was asked. */
    partialNoFigure: z.string(),
    /** Before an honest partial answer: the documents cover the topic, not every part of the question. */
    partialTopic: z.string(),
    section: z.string().includes('{section}'),
    tableSource: z.string().includes('{table}').includes('{document}'),
    dayRange: z.string().includes('{first}').includes('{last}'),
    hours: z.string().includes('{days}').includes('{from}').includes('{to}').includes('{zone}'),
    weekdays: z
      .object({
        mon: z.string(),
        tue: z.string(),
        wed: z.string(),
        thu: z.string(),
        fri: z.string(),
        sat: z.string(),
        sun: z.string(),
      })
      .strict(),
  })
  .strict();
export type Labels = z.infer<typeof LabelsSchema>;

type Render = (model: object) => string;

/** A template folder that cannot be used: names the file and the reason, and stops start-up. */
export class TemplateError extends Error {
  constructor(file: string, reason: string) {
    super(`templates: ${file}: ${reason}`);
    this.name = 'TemplateError';
  }
}

/**
 * Handlebars with the helpers templates use, for one language: `md` (a value as Markdown text), `mdUser` (what the
 * investor typed), `num` (1,894 / 1.894) and `date` (an ISO date: 23 November 2026 / 23. November 2026).
 */
function templateEnvironment(locale: string): typeof Handlebars {
  const env = Handlebars.create();
  // strict mode does not check helper arguments: a missing (undefined) value fails here; null means "none"
  const present = (helper: string, value: unknown) => {
    if (value === undefined) throw new TemplateError(helper, 'a template refers to a value that is missing');
    return value;
  };
  env.registerHelper('md', (value: unknown) => {
    present('md', value);
    return new env.SafeString(escapeMarkdown(value === null ? '' : String(value)));
  });
  // the same for what the investor typed (their name, a refused answer): bare addresses never become links
  env.registerHelper('mdUser', (value: unknown) => {
    present('mdUser', value);
    return new env.SafeString(escapeUserText(value === null ? '' : String(value)));
  });
  const numbers = new Intl.NumberFormat(locale);
  env.registerHelper('num', (value: unknown) => {
    const n = present('num', value);
    if (typeof n !== 'number' || !Number.isFinite(n)) throw new TemplateError('num', `not a number: ${String(n)}`);
    return numbers.format(n);
  });
  const dates = new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  env.registerHelper('date', (value: unknown) => {
    const iso = present('date', value);
    const day = typeof iso === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T00:00:00Z`) : null;
    if (!day || Number.isNaN(day.getTime())) throw new TemplateError('date', `not a date: ${String(iso)}`);
    return dates.format(day);
  });
  return env;
}

/** The reply templates of every language, compiled once at start-up with `strict`. */
export class TemplateSet {
  private constructor(
    private readonly compiled: Map<string, Render>,
    private readonly labelSets: Map<Language, Labels>,
    private readonly versions: Map<string, string>,
  ) {}

  /** Loads `<dir>/<language>/*.hbs` and `labels.yaml`; a missing or broken template throws {@link TemplateError}. */
  static async load(dir: string, languages: readonly Language[] = ['en']): Promise<TemplateSet> {
    const compiled = new Map<string, Render>();
    const labelSets = new Map<Language, Labels>();
    const versions = new Map<string, string>();
    for (const language of languages) {
      const folder = join(dir, language);
      const files = await readdir(folder).catch(() => {
        throw new TemplateError(folder, 'the folder is missing');
      });
      const labelsFile = join(folder, 'labels.yaml');
      const parsed = LabelsSchema.safeParse(parseYaml(await readFile(labelsFile, 'utf8')));
      if (!parsed.success) throw new TemplateError(labelsFile, parsed.error.issues[0]?.message ?? 'invalid');
      labelSets.set(language, parsed.data);
      const env = templateEnvironment(parsed.data.locale);
      for (const name of TEMPLATE_NAMES) {
        const file = join(folder, `${name}.hbs`);
        if (!files.includes(`${name}.hbs`)) throw new TemplateError(file, 'the template is missing');
        const source = await readFile(file, 'utf8');
        try {
          env.parse(source); // compile() is lazy: parse now so a syntax error stops start-up, not a reply
        } catch (error) {
          throw new TemplateError(file, (error as Error).message.split('\n')[0] ?? 'syntax error');
        }
        compiled.set(`${language}/${name}`, env.compile(source, { strict: true }));
        versions.set(`${language}/${name}`, createHash('sha256').update(source).digest('hex').slice(0, 10));
      }
    }
    return new TemplateSet(compiled, labelSets, versions);
  }

  /** Renders a template; values are escaped for Markdown by the templates' `md` helper. */
  render(language: Language, name: TemplateName, model: object = {}): string {
    const template = this.compiled.get(`${language}/${name}`) ?? this.compiled.get(`en/${name}`);
    if (!template) throw new TemplateError(name, 'not loaded');
    return template(model)
      .replace(/\n{3,}/g, '\n\n')
      .trim();
  }

  /** A short fingerprint of a template's wording, e.g. `en-3f9a1c20b4`: changes whenever the text changes. */
  version(language: Language, name: TemplateName): string {
    const own = this.versions.get(`${language}/${name}`);
    return own ? `${language}-${own}` : `en-${this.versions.get(`en/${name}`)}`;
  }

  labels(language: Language): Labels {
    return this.labelSets.get(language) ?? this.labelSets.get('en')!;
  }
}
