import { CreateInvitationBodySchema } from './invitations';

/** One row of an invitation CSV, before the server sees it. */
export interface InvitationCsvRow {
  candidateName: string;
  candidateEmail: string;
  extraTimeMinutes: number;
}
export interface InvitationCsvIssue {
  /** 1-based line of the text. */
  line: number;
  message: string;
}

/** Splits one CSV line: commas or semicolons, double quotes around a field (with "" for a quote). */
function splitCsvLine(line: string): string[] {
  const delimiter = !line.includes(',') && line.includes(';') ? ';' : ',';
  const fields: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') (current += '"'), i++;
      else if (c === '"') quoted = false;
      else current += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) fields.push(current.trim()), (current = '');
    else current += c;
  }
  fields.push(current.trim());
  return fields;
}

const HEADER = /^(name|candidate ?name)$/i;

/**
 * Parses `name,email[,extra minutes]` lines (a header line is skipped; blank
 * lines ignored). Every bad line is reported with its number, so the
 * interviewer fixes them all at once before anything is sent.
 */
export function parseInvitationCsv(text: string): { rows: InvitationCsvRow[]; issues: InvitationCsvIssue[] } {
  const rows: InvitationCsvRow[] = [];
  const issues: InvitationCsvIssue[] = [];
  const seen = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (!raw.trim()) return;
    const [name = '', email = '', extra = '', ...rest] = splitCsvLine(raw);
    if (index === 0 && HEADER.test(name)) return;
    if (rest.some((r) => r !== '')) return void issues.push({ line, message: 'expected at most 3 columns: name, email, extra minutes' });
    const extraTimeMinutes = extra === '' ? 0 : Number(extra);
    const parsed = CreateInvitationBodySchema.safeParse({ candidateName: name, candidateEmail: email, extraTimeMinutes });
    if (!parsed.success) {
      const first = parsed.error.issues[0]!;
      const field = { candidateName: 'name', candidateEmail: 'email', extraTimeMinutes: 'extra minutes' }[String(first.path[0])] ?? 'row';
      return void issues.push({ line, message: `${field}: ${field === 'extra minutes' ? 'must be a whole number from 0 to 1440' : first.message}` });
    }
    const key = parsed.data.candidateEmail.toLowerCase();
    if (seen.has(key)) return void issues.push({ line, message: `email: ${email} is already on line ${seen.get(key)}` });
    seen.set(key, line);
    rows.push({ candidateName: parsed.data.candidateName, candidateEmail: parsed.data.candidateEmail, extraTimeMinutes: parsed.data.extraTimeMinutes });
  });
  return { rows, issues };
}
