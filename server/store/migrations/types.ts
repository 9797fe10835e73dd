/** One step of the schema. Steps are applied in order, all pending ones in a single transaction at open. */
export interface Migration {
  version: number;
  description: string;
  sql: string;
}
