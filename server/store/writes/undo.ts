import { StoreConflictError } from '../errors';
import { appendEvent, EVENT_SELECT, eventById, eventFromRow } from '../eventLog';
import { raterId as findRaterId } from '../rows/raterRows';
import type { Connection } from '../sqlite/connection';
import type { EventEntity, UndoResult } from '../types';
import { overrideEntity } from './choiceOverrides';
import { flagEntity } from './flags';
import { preferenceEntity } from './preferences';
import { ratingEntity } from './ratings';
import { contentJson, type UndoableEntity } from './undoableEntity';

const ENTITIES: Partial<Record<EventEntity, UndoableEntity<unknown>>> = {
  rating: ratingEntity,
  preference: preferenceEntity,
  flag: flagEntity,
  'choice-override': overrideEntity,
};

/**
 * Takes back this rater's most recent change that has not been taken back yet: repeated calls walk back
 * through the rater's history. Refuses (StoreConflictError) when the item changed since that change, e.g.
 * from another window, rather than silently discarding the newer state.
 */
export function undoLastChange(c: Connection, rater: string, now: number): UndoResult | undefined {
  const raterRow = findRaterId(c, rater);
  if (raterRow === undefined) return undefined;
  const row = c.get(
    `${EVENT_SELECT} WHERE e.rater_id = ? AND e.undoable = 1
       AND NOT EXISTS (SELECT 1 FROM events u WHERE u.undoes = e.id)
     ORDER BY e.id DESC LIMIT 1`,
    [raterRow],
  );
  if (!row) return undefined;
  const undone = eventFromRow(row);
  const entity = ENTITIES[undone.entity];
  if (!entity) throw new Error(`internal: no undo for ${undone.entity}`);
  const current = entity.read(c, raterRow, undone.entityKey);
  if (contentJson(current) !== contentJson(undone.after)) {
    throw new StoreConflictError(`the ${undone.entity} was changed again after that change (event ${undone.id}); nothing was undone`);
  }
  const restored = entity.restore(c, raterRow, undone.entityKey, undone.before, now);
  const id = appendEvent(c, {
    at: now,
    raterId: raterRow,
    kind: 'undo',
    entity: undone.entity,
    entityKey: undone.entityKey,
    before: current,
    after: restored,
    undoable: false,
    undoes: undone.id,
  });
  return { undone, event: eventById(c, id) };
}
