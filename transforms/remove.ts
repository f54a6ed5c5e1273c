// remove: a sleep after only synchronous work guards nothing; delete it.
import type { TransformApi, TransformFile, TransformMeta } from '../src/transform/api.js';
import { removeStatement } from '../src/transform/statement-edits.js';

export const meta: TransformMeta = {
  fix: 'remove',
  description: 'delete a sleep that follows only synchronous work',
  safety: 'review',
};

export default function transform(file: TransformFile, api: TransformApi) {
  const site = api.site!;
  const { statement } = site.ctx;
  if (!removeStatement(api.edit, file.source, statement)) return api.bail('the sleep shares its line with other code');
}
