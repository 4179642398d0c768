// Prepared statements cached per connection, keyed by their SQL text. Preparing costs more than running
// a small indexed query, and every interactive call runs several: each text is prepared once per Db.
// Statements are only ever used in their default mode here (no .pluck(), .raw() or .expand()), so sharing one
// between callers cannot change what another caller reads.
import type Database from 'better-sqlite3';

type Db = Database.Database;
type Statement = Database.Statement;

const caches = new WeakMap<Db, Map<string, Statement>>();

/** The connection's prepared statement for `sql`, prepared on first use. */
export function prepared(db: Db, sql: string): Statement {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  let stmt = cache.get(sql);
  if (!stmt) {
    stmt = db.prepare(sql);
    cache.set(sql, stmt);
  }
  return stmt;
}

/** How many statements the connection holds (for tests). */
export function preparedCount(db: Db): number {
  return caches.get(db)?.size ?? 0;
}
