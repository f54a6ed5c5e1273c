// SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/) for code-scanning uploads: every
// rule with its help text, one result per problematic sleep, and the sleeps a baseline or allowlist
// lets pass as suppressed results with their justification.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding, Report } from '../../finding.js';
import { RULES } from '../../classify/rules/index.js';
import type { Rule } from '../../classify/rule.js';
import { packageRoot } from '../../package-root.js';
import { pathFrom } from './paths.js';
import type { Reporter, ReporterContext, Suppressed } from './types.js';

const FINGERPRINT_KEY = 'sleeplessFingerprint/v1';
const SRCROOT = '%SRCROOT%';

export const sarif: Reporter = (report, context) => {
  const ruleIndex = new Map<string, number>(RULES.map((rule, i) => [rule.id, i]));
  const result = (finding: Finding, suppression?: Omit<Suppressed, 'finding'>) => resultOf(report, context, finding, ruleIndex, suppression);
  const results = [
    ...report.findings.filter((f) => f.verdict === 'problematic').map((f) => result(f)),
    // A scan lists allowlisted sleeps among its findings; a check passes them in `suppressed`.
    ...report.findings.filter((f) => f.category === 'allowlisted').map((f) => result(f, allowlistSuppression(f))),
    ...(context.suppressed ?? []).map(({ finding, ...suppression }) => result(finding, suppression)),
  ];
  const sourceRoot = context.sourceRoot ?? report.root;
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: driver() },
        originalUriBaseIds: { [SRCROOT]: { uri: `${pathToFileURL(sourceRoot).href.replace(/\/$/, '')}/` } },
        columnKind: 'utf16CodeUnits',
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: report.errors.map((e) => ({
              level: 'warning',
              message: { text: e.message },
              locations: [{ physicalLocation: { artifactLocation: artifact(pathFrom(report, e.file, context.sourceRoot)), ...(e.line ? { region: { startLine: e.line } } : {}) } }],
            })),
          },
        ],
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};

/** How an allowlisted sleep was allowed: an inline comment is in the source, an allowlist file is not. */
export function allowlistSuppression(finding: Finding): Omit<Suppressed, 'finding'> {
  return { kind: finding.rule === 'inline-allow' ? 'inSource' : 'external', justification: finding.reason };
}

function resultOf(report: Report, context: ReporterContext, f: Finding, ruleIndex: Map<string, number>, suppression?: Omit<Suppressed, 'finding'>) {
  const fix = f.fix ? ` Fix: ${f.fix}${f.safety ? ` (${f.safety})` : ''}; see \`sleepless explain ${f.rule}\`.` : '';
  const index = ruleIndex.get(f.rule);
  return {
    ruleId: f.rule,
    ...(index === undefined ? {} : { ruleIndex: index }),
    level: f.verdict === 'problematic' ? 'error' : 'note',
    message: { text: `\`${f.call}\` ${f.reason}.${fix}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifact(pathFrom(report, f.file, context.sourceRoot)),
          region: { startLine: f.line, startColumn: f.column, endLine: f.end_line, endColumn: f.end_column },
        },
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
    ...(suppression ? { suppressions: [{ kind: suppression.kind, justification: suppression.justification }] } : {}),
    properties: {
      verdict: f.verdict,
      category: f.category,
      fix: f.fix,
      safety: f.safety,
      confidence: f.confidence,
      duration_ms: f.duration_ms,
      describe: f.describe,
      test: f.test,
    },
  };
}

function artifact(path: string) {
  return { uri: path.split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

let cachedDriver: object | undefined;
function driver(): object {
  cachedDriver ??= {
    name: 'sleepless',
    version: packageJson().version ?? '0.0.0',
    informationUri: packageJson().homepage ?? 'https://www.npmjs.com/package/sleepless',
    rules: RULES.map(descriptor),
  };
  return cachedDriver;
}

function descriptor(rule: Rule) {
  const { before, after } = rule.example;
  return {
    id: rule.id,
    name: rule.id,
    shortDescription: { text: sentence(rule.summary) },
    fullDescription: { text: rule.explanation },
    defaultConfiguration: { level: rule.verdict === 'problematic' ? 'error' : 'note' },
    help: {
      text: `${sentence(rule.summary)}\n\n${rule.explanation}\n\nBefore:\n${before}\n\nAfter:\n${after}\n\nRun \`sleepless explain ${rule.id}\` for this text in a terminal.`,
      markdown:
        `**${sentence(rule.summary)}**\n\n${rule.explanation}\n\nBefore:\n\n\`\`\`elixir\n${before}\n\`\`\`\n\nAfter:\n\n\`\`\`elixir\n${after}\n\`\`\`\n\n` +
        `Run \`sleepless explain ${rule.id}\` for this text in a terminal.`,
    },
    properties: { tags: ['tests', 'elixir', 'sleep', rule.verdict], verdict: rule.verdict, produces: rule.produces },
  };
}

function sentence(text: string): string {
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

let cachedPackage: { version?: string; homepage?: string } | undefined;
function packageJson(): { version?: string; homepage?: string } {
  cachedPackage ??= JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version?: string; homepage?: string };
  return cachedPackage;
}
