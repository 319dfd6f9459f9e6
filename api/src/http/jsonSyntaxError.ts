import { parse, ParseErrorCode, type ParseError } from 'jsonc-parser';

const WHAT: Record<ParseErrorCode, string> = {
  [ParseErrorCode.InvalidSymbol]: 'unexpected character',
  [ParseErrorCode.InvalidNumberFormat]: 'invalid number',
  [ParseErrorCode.PropertyNameExpected]: 'expected a property name in double quotes',
  [ParseErrorCode.ValueExpected]: 'expected a value',
  [ParseErrorCode.ColonExpected]: "expected ':'",
  [ParseErrorCode.CommaExpected]: "expected ',' or a closing bracket",
  [ParseErrorCode.CloseBraceExpected]: "expected '}'",
  [ParseErrorCode.CloseBracketExpected]: "expected ']'",
  [ParseErrorCode.EndOfFileExpected]: 'unexpected content after the JSON document',
  [ParseErrorCode.InvalidCommentToken]: 'comments are not allowed',
  [ParseErrorCode.UnexpectedEndOfComment]: 'comments are not allowed',
  [ParseErrorCode.UnexpectedEndOfString]: 'unterminated string',
  [ParseErrorCode.UnexpectedEndOfNumber]: 'unterminated number',
  [ParseErrorCode.InvalidUnicode]: 'invalid \\u escape',
  [ParseErrorCode.InvalidEscapeCharacter]: 'invalid escape sequence',
  [ParseErrorCode.InvalidCharacter]: 'control character in a string (escape it)',
};

/**
 * Where and why `text` (which `JSON.parse` refused) stops being JSON: "expected a value at line 3,
 * column 8". Node's own messages name the position for some mistakes only (and quote the body for
 * others), so the position comes from a strict JSON scanner; `undefined` if it finds no mistake.
 */
export function jsonSyntaxError(text: string): string | undefined {
  const errors: ParseError[] = [];
  parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (!first) return undefined;
  if (first.offset >= text.length) return `unexpected end of the body (${WHAT[first.error]})`;
  const before = text.slice(0, first.offset);
  const line = before.split('\n').length;
  const column = first.offset - before.lastIndexOf('\n');
  return `${WHAT[first.error]} at line ${line}, column ${column}`;
}
