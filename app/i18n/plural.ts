/** Plural forms by the language's rules; a leaf module so catalogs can use it without a cycle through ../index.ts. */
export type Locale = 'en' | 'ar';

const rules = new Map<Locale, Intl.PluralRules>();

/** The form of `forms` that the language's plural rules choose for `n` ("other" when a form is missing); `#` is n. */
export function plural(lang: Locale, n: number, forms: Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }): string {
  // English needs no Intl (its first use would load locale data inside Home's first render); Arabic's six forms do.
  let form: Intl.LDMLPluralRule = n === 1 ? 'one' : 'other';
  if (lang !== 'en') {
    let rule = rules.get(lang);
    if (!rule) rules.set(lang, (rule = new Intl.PluralRules(lang)));
    form = rule.select(n);
  }
  return (forms[form] ?? forms.other).replace('#', String(n));
}

/** A typed name as a first-strong isolate: "Sis 2" or "أمي" keep their direction without dragging the sentence's punctuation. */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}
