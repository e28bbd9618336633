import MiniSearch, { type Query, type SearchOptions } from 'minisearch';
import { stemmer } from 'stemmer';
import { categoryLabel } from '../categories.ts';
import type { ListingRecord } from './listing.ts';

/**
 * How free text is understood. MiniSearch does the ranking (BM25 with per-field boosts, fuzzy
 * matching on its radix tree); this module decides what a word is: lower case, stop words out,
 * English stems (Porter, from `stemmer`) and the taxonomy's everyday synonyms.
 */

/**
 * Words people use for the same support, checked against the category taxonomy
 * (`../categories.ts`). A query that says any phrase of a group matches listings that say any
 * other; phrases are compared by stem, so "carers" and "swimming" count too.
 */
export const searchSynonyms: readonly (readonly string[])[] = [
  ['carer', 'personal assistant', 'pa'],
  ['swim', 'swimming', 'swimmer', 'pool'],
  ['respite', 'short break', 'sitting service'],
  ['taxi', 'cab', 'minicab'],
  ['physio', 'physiotherapy', 'physiotherapist'],
  ['counselling', 'counseling', 'counsellor', 'counselor', 'talking therapy'],
  ['cleaning', 'cleaner', 'housework'],
  ['gardening', 'gardener', 'garden'],
  ['shopping', 'groceries'],
  ['gym', 'fitness', 'exercise'],
  ['bsl', 'british sign language', 'sign language'],
  ['advocacy', 'advocate'],
  ['job', 'employment', 'work'],
  ['meal', 'lunch', 'dinner'],
  ['tablet', 'ipad', 'computer'],
];

/** Words too common to tell listings apart; dropped from both the index and the query. */
const stopWords = new Set([
  'a',
  'an',
  'and',
  'are',
  'as',
  'at',
  'be',
  'by',
  'for',
  'from',
  'i',
  'in',
  'into',
  'is',
  'it',
  'me',
  'my',
  'of',
  'on',
  'or',
  'our',
  'the',
  'to',
  'we',
  'with',
  'you',
  'your',
]);

const wordPattern = /[\p{L}\p{N}]+/gu;

/** Lower-case words of a text, in order, stop words included (phrases need them in place). */
export function words(text: string): string[] {
  return text.toLowerCase().match(wordPattern) ?? [];
}

/**
 * The terms one word is indexed and searched under: the word and its stem. Keeping the word as
 * written lets a typo match the full form ("walkign" is two edits from "walking" but its stem
 * "walkign" is three from "walk").
 */
export function termsOf(word: string): string[] {
  const lower = word.toLowerCase();
  if (stopWords.has(lower)) return [];
  const stem = stemmer(lower);
  return stem === lower ? [lower] : [lower, stem];
}

const stemsOf = (phrase: string) => words(phrase).map((w) => stemmer(w));

/** Each synonym phrase as stems, longest first so "personal assistant" wins over a lone word. */
const synonymPhrases = searchSynonyms
  .flatMap((group, groupIndex) => group.map((phrase) => ({ stems: stemsOf(phrase), groupIndex })))
  .sort((a, b) => b.stems.length - a.stems.length);

/** What a listing is searched by, field by field. */
export interface ListingText {
  id: string;
  title: string;
  description: string;
  providerName: string;
  category: string;
}

export function listingText(listing: ListingRecord): ListingText {
  return {
    id: listing.listingId,
    title: listing.title,
    description: listing.description,
    providerName: listing.providerName,
    // The category's label, so "transport" or "household help" finds the whole category.
    category: categoryLabel(listing.category),
  };
}

/**
 * Field weights: what a listing is called counts most, then who provides it and what kind of
 * support it is, then the description. A garden tidy-up whose description says "safe to walk on"
 * should not outrank "Walking support" for "walk".
 */
const fieldBoosts = { title: 4, providerName: 2, category: 1.5, description: 1 } as const;

/**
 * Typo tolerance by word length: short words must be exact (a fuzzy "pa" or "walk" would match
 * "park" or "talk"), five or six letters forgive one edit, longer words two (a swapped pair of
 * letters, "walkign", is two edits).
 */
function fuzziness(term: string): number {
  if (term.length <= 4) return 0;
  return term.length >= 7 ? 2 : 1;
}

const searchOptions: SearchOptions = {
  boost: { ...fieldBoosts },
  fuzzy: false,
  prefix: false,
  combineWith: 'AND',
};

/**
 * A word index over listings, and the set of every term it has indexed. The set only grows (a
 * removed listing's words stay in it): it answers "is this a word we know?", so a word that is
 * known is searched exactly and only an unknown one pays for fuzzy matching.
 */
export function createTextIndex(): { index: MiniSearch<ListingText>; vocabulary: Set<string> } {
  const vocabulary = new Set<string>();
  const index = new MiniSearch<ListingText>({
    fields: ['title', 'description', 'providerName', 'category'],
    storeFields: [],
    tokenize: (text) => words(text),
    processTerm: (term) => {
      const terms = termsOf(term);
      for (const t of terms) vocabulary.add(t);
      return terms;
    },
    searchOptions,
  });
  return { index, vocabulary };
}

/**
 * One word of the query. A word we know is searched by its stem alone (every indexed word is
 * indexed under its stem too, so "walks" finds "walking"). An unknown word is probably a typo: it
 * is searched as written and as stemmed, each forgiving an edit or two ("gardning" is one edit
 * from "gardening"). Fuzzy matching every word would score dozens of near-miss terms for common
 * words like "support", several times slower for nothing.
 */
const wordQuery = (word: string, isKnown: (term: string) => boolean, fuzzy: boolean): Query | undefined => {
  const terms = termsOf(word);
  const stem = terms.at(-1);
  if (stem === undefined) return undefined;
  if (isKnown(stem)) return { combineWith: 'OR', queries: [stem], processTerm: (t) => t, fuzzy: false };
  return {
    combineWith: 'OR',
    queries: terms,
    processTerm: (t) => t,
    fuzzy: fuzzy ? (term) => fuzziness(term) : false,
  };
};

/** A phrase: every word of it must match (in any order; MiniSearch has no positions). */
const phraseQuery = (phrase: string, isKnown: (term: string) => boolean): Query | undefined => {
  const queries = words(phrase)
    .map((word) => wordQuery(word, isKnown, false))
    .filter((q): q is Query => q !== undefined);
  return queries.length === 0 ? undefined : { combineWith: 'AND', queries };
};

/**
 * The MiniSearch query for what someone typed: every word (or synonym phrase) must match, and a
 * synonym phrase matches any phrase of its group. Undefined when nothing searchable is left (only
 * stop words or punctuation), so the search answers as if no words were given.
 */
export function textQuery(
  q: string | undefined,
  isKnown: (term: string) => boolean = () => false,
): Query | undefined {
  if (q === undefined) return undefined;
  const typed = words(q);
  const typedStems = typed.map((w) => stemmer(w));
  const concepts: Query[] = [];
  let i = 0;
  while (i < typed.length) {
    const synonym = synonymPhrases.find(
      (phrase) => phrase.stems.length > 0 && phrase.stems.every((stem, j) => typedStems[i + j] === stem),
    );
    if (synonym) {
      const group = searchSynonyms[synonym.groupIndex] ?? [];
      // Synonyms are matched exactly: fuzzy variants of several phrases multiply the work and
      // find little (a typo in what was typed is still forgiven below, as an unknown word).
      const alternatives = group
        .map((phrase) => phraseQuery(phrase, isKnown))
        .filter((q): q is Query => q !== undefined);
      concepts.push({ combineWith: 'OR', queries: alternatives });
      i += synonym.stems.length;
      continue;
    }
    const word = typed[i];
    i += 1;
    const query = word === undefined ? undefined : wordQuery(word, isKnown, true);
    if (query) concepts.push(query);
  }
  return concepts.length === 0 ? undefined : { combineWith: 'AND', queries: concepts };
}
