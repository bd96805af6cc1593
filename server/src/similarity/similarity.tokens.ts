/** One normalized token and the line (1-based) it starts on. */
export interface Token {
  text: string;
  line: number;
}

/**
 * Words kept as themselves: the language's structure. Every other identifier
 * becomes `I`, so renaming variables changes nothing (MOSS normalization).
 */
const KEYWORDS = new Set([
  'async', 'await', 'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else',
  'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'let', 'new', 'null',
  'of', 'return', 'static', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'undefined', 'var', 'void',
  'while', 'yield', 'interface', 'type', 'enum', 'implements', 'private', 'protected', 'public', 'readonly', 'as',
]);

/** Punctuators, longest first so `===` is one token and not `==` `=`. */
const PUNCTUATORS = [
  '>>>=', '...', '===', '!==', '**=', '<<=', '>>=', '>>>', '&&=', '||=', '??=',
  '=>', '==', '!=', '<=', '>=', '&&', '||', '??', '?.', '++', '--', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '**', '<<', '>>',
];

const isIdentStart = (c: string) => /[A-Za-z_$\u00c0-\uffff]/.test(c);
const isIdentPart = (c: string) => /[\w$\u00c0-\uffff]/.test(c);

/**
 * Tokenizes JavaScript/TypeScript for comparison: comments and whitespace
 * dropped, identifiers → `I`, string and template literals → `S`, numbers →
 * `N`, keywords and punctuation kept. Not a parser: a regex literal reads as
 * punctuation and identifiers, the same way on both sides of a comparison.
 */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let i = 0;
  const n = source.length;
  const advanceTo = (end: number) => {
    for (let j = i; j < end; j++) if (source[j] === '\n') line++;
    i = end;
  };
  while (i < n) {
    const c = source[i]!;
    if (c === '\n') (line++, i++);
    else if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v') i++;
    else if (c === '/' && source[i + 1] === '/') {
      const end = source.indexOf('\n', i);
      i = end === -1 ? n : end;
    } else if (c === '/' && source[i + 1] === '*') {
      const end = source.indexOf('*/', i + 2);
      advanceTo(end === -1 ? n : end + 2);
    } else if (c === '"' || c === "'" || c === '`') {
      const start = line;
      let j = i + 1;
      while (j < n && source[j] !== c) {
        if (source[j] === '\\') j++;
        else if (c !== '`' && source[j] === '\n') break; // unterminated: stop at the line end
        j++;
      }
      tokens.push({ text: 'S', line: start });
      advanceTo(Math.min(j + 1, n));
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(source[i + 1] ?? ''))) {
      let j = i + 1;
      while (j < n && /[\w.]/.test(source[j]!)) j++;
      tokens.push({ text: 'N', line });
      i = j;
    } else if (isIdentStart(c)) {
      let j = i + 1;
      while (j < n && isIdentPart(source[j]!)) j++;
      const word = source.slice(i, j);
      tokens.push({ text: KEYWORDS.has(word) ? word : 'I', line });
      i = j;
    } else {
      const punct = PUNCTUATORS.find((p) => source.startsWith(p, i)) ?? c;
      tokens.push({ text: punct, line });
      i += punct.length;
    }
  }
  return tokens;
}
