import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';

// Keyed by printParseErrorCode's names: the codes themselves are a const enum, unusable here.
const WHAT: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'expected a property name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: "expected ':'",
  CommaExpected: "expected ',' or a closing bracket",
  CloseBraceExpected: "expected '}'",
  CloseBracketExpected: "expected ']'",
  EndOfFileExpected: 'unexpected content after the JSON document',
  InvalidCommentToken: 'comments are not allowed',
  UnexpectedEndOfComment: 'comments are not allowed',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unterminated number',
  InvalidUnicode: 'invalid \\u escape',
  InvalidEscapeCharacter: 'invalid escape sequence',
  InvalidCharacter: 'control character in a string (escape it)',
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
  if (first.offset >= text.length) return `unexpected end of the body (${what(first)})`;
  const before = text.slice(0, first.offset);
  const line = before.split('\n').length;
  const column = first.offset - before.lastIndexOf('\n');
  return `${what(first)} at line ${line}, column ${column}`;
}

function what(error: ParseError): string {
  return WHAT[printParseErrorCode(error.error)] ?? 'not valid JSON';
}
