/**
 * Which character separates the fields: a CRM in a European locale writes `;` (because
 * `,` is its decimal mark), databases write tabs or pipes. Scoring reads the first records
 * of the file (up to 64 KB or 200 records), honouring double quotes, and for each candidate
 * counts fields per record. A candidate's score is the share of sampled data records with
 * exactly as many fields as the header — 0 when the header would have a single field.
 * The best candidate is the highest score, then the most columns, then the order
 * `, ; \t |`. The choice is called ambiguous when the runner-up scores within 0.1 of it:
 * the wizard then asks the user to confirm (e.g. a file whose header has both `,` and `;`).
 */

/** The delimiters tried, in tie-break order. */
export const DELIMITER_CANDIDATES = [',', ';', '\t', '|'] as const;

const SAMPLE_CHARS = 65_536;
const SAMPLE_RECORDS = 200;
const AMBIGUITY_MARGIN = 0.1;

export interface DelimiterScores {
  /** Best first. */
  candidates: { delimiter: string; score: number; columns: number }[];
  ambiguous: boolean;
}

/** Scores `, ; TAB |` on the start of `text` (see the module comment). */
export function scoreDelimiters(text: string): DelimiterScores {
  const sampleEnd = Math.min(text.length, SAMPLE_CHARS);
  const scored = DELIMITER_CANDIDATES.map((delimiter, order) => {
    const counts = fieldCounts(text, sampleEnd, delimiter.charCodeAt(0));
    const columns = counts[0] ?? 0;
    let same = 0;
    for (let k = 1; k < counts.length; k++) if (counts[k] === columns) same++;
    const data = counts.length - 1;
    const score = columns < 2 ? 0 : data === 0 ? 1 : same / data;
    return { delimiter, score, columns, order };
  });
  scored.sort((a, b) => b.score - a.score || b.columns - a.columns || a.order - b.order);
  const [first, second] = scored;
  const ambiguous = first !== undefined && second !== undefined && second.score > 0 && first.score - second.score < AMBIGUITY_MARGIN;
  return { candidates: scored.map(({ delimiter, score, columns }) => ({ delimiter, score, columns })), ambiguous };
}

/**
 * Fields per non-blank record in text[0, end), quote-aware (RFC 4180: `""` inside quotes is
 * a quote; a line break inside quotes does not end the record). When the sample is cut
 * short, its last, possibly partial record is left out.
 */
function fieldCounts(text: string, end: number, delim: number): number[] {
  const counts: number[] = [];
  let fields = 1;
  let content = false;
  let inQuotes = false;
  let i = 0;
  for (; i < end && counts.length < SAMPLE_RECORDS; i++) {
    const c = text.charCodeAt(i);
    if (inQuotes) {
      if (c === 34) {
        if (text.charCodeAt(i + 1) === 34) i++;
        else inQuotes = false;
      }
      continue;
    }
    if (c === 34) {
      inQuotes = true;
      content = true;
    } else if (c === delim) {
      fields++;
      content = true;
    } else if (c === 10 || c === 13) {
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      if (content) counts.push(fields);
      fields = 1;
      content = false;
    } else if (c !== 32 && c !== 0xfeff) {
      content = true;
    }
  }
  if (content && i >= text.length) counts.push(fields); // the last record of a short file
  return counts;
}
