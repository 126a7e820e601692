/**
 * graphql-js parses by recursive descent, so a document nested a few thousand levels deep (well within the
 * token limit: `{a{a{a...`) exhausts the stack before the depth limit, which looks at the parsed document,
 * can see it; it was answered "Unexpected error." and logged as a gateway fault. The parser's stack
 * overflow is caught and refused like any other query limit. Listed after the parser is set.
 */
import type { Plugin } from 'graphql-yoga';
import { queryLimitExceeded } from '../../errors/index.ts';

export const TOO_DEEP_TO_PARSE = 'the document is nested too deeply to parse';

export function nestingGuardPlugin(): Plugin {
  return {
    onParse({ parseFn, setParseFn }) {
      setParseFn((source, options) => {
        try {
          return parseFn(source, options);
        } catch (error) {
          if (error instanceof RangeError) throw queryLimitExceeded(TOO_DEEP_TO_PARSE);
          throw error;
        }
      });
    },
    // A document the parser could just take can still be too deep for a recursive validation rule (how deep
    // the stack goes depends on how warm the code is), so validation is guarded the same way.
    onValidate({ validateFn, setValidationFn }) {
      setValidationFn((...args) => {
        try {
          return validateFn(...args);
        } catch (error) {
          if (error instanceof RangeError) return [queryLimitExceeded(TOO_DEEP_TO_PARSE)];
          throw error;
        }
      });
    },
  };
}
