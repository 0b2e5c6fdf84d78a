/** Languages the bot can answer in (each has a template folder, `templates/<language>/`); `en` must exist. */
export type Language = 'en' | 'de';
