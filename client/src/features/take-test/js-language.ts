import { parser } from '@lezer/javascript';
import { continuedIndent, delimitedIndent, flatIndent, indentNodeProp, LRLanguage } from '@codemirror/language';

// JavaScript and TypeScript for the candidate's editor, straight from the lezer grammar (which carries
// its own highlight tags) with @codemirror/lang-javascript's indentation rules. Not imported from
// lang-javascript: the review page uses its `javascript()` (completions, snippets, autocomplete), and
// the chunk both pages share would then carry all of that to every candidate.

/** JavaScript (ES modules, no JSX). */
export const javascriptLanguage = LRLanguage.define({
  name: 'javascript',
  parser: parser.configure({
    props: [
      indentNodeProp.add({
        IfStatement: continuedIndent({ except: /^\s*({|else\b)/ }),
        TryStatement: continuedIndent({ except: /^\s*({|catch\b|finally\b)/ }),
        LabeledStatement: flatIndent,
        SwitchBody: (cx) => {
          const after = cx.textAfter;
          return cx.baseIndent + (/^\s*\}/.test(after) ? 0 : /^\s*(case|default)\b/.test(after) ? 1 : 2) * cx.unit;
        },
        Block: delimitedIndent({ closing: '}' }),
        ArrowFunction: (cx) => cx.baseIndent + cx.unit,
        'TemplateString BlockComment': () => null,
        'Statement Property': continuedIndent({ except: /^\s*{/ }),
      }),
    ],
  }),
  languageData: {
    commentTokens: { line: '//', block: { open: '/*', close: '*/' } },
    indentOnInput: /^\s*(?:case |default:|\{|\})$/,
    wordChars: '$',
  },
});

/** TypeScript: the same grammar's `ts` dialect. */
export const typescriptLanguage = javascriptLanguage.configure({ dialect: 'ts' }, 'typescript');
