import { CaravanError } from './CaravanError.js';

/** One problem found in the configuration: where it is and what was expected. */
export interface ConfigIssue {
  /** Dotted path of the setting, e.g. `database.client`. */
  path: string;
  /** Where the bad value came from: `default`, a file path, or an env var name. */
  source?: string;
  message: string;
}

/** The configuration is invalid; `issues` names each offending setting and the expected form. */
export class ConfigError extends CaravanError {
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[]) {
    const lines = issues.map((i) => `  - ${i.path}${i.source ? ` (from ${i.source})` : ''}: ${i.message}`);
    super('CARAVAN_CONFIG_INVALID', `Invalid Caravan configuration:\n${lines.join('\n')}`);
    this.issues = issues;
  }
}
