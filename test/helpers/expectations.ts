// Reads `# expect: <verdict> <category-or-fix>` annotations from an Elixir fixture: each one says
// what the sleep that starts on that line must be reported as. Lines without one must report nothing.
export interface Expectation {
  line: number;
  verdict: string;
  kind: string;
}

const ANNOTATION = /#\s*expect:\s*(legitimate|problematic)\s+(\w+)/;

export function readExpectations(source: string): Expectation[] {
  return source.split('\n').flatMap((text, i) => {
    const match = ANNOTATION.exec(text);
    return match ? [{ line: i + 1, verdict: match[1]!, kind: match[2]! }] : [];
  });
}
