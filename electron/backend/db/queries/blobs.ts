// Which blobs the database still refers to: clean-up after a failed import removes only the blobs that
// job created and nothing references (reference count zero).
import type { Db } from '../connection';
import { prepared } from '../statements';

/** The subset of `sha256s` that no attachment row refers to. */
export function unreferencedBlobs(db: Db, sha256s: readonly string[]): string[] {
  const refs = prepared(db, 'SELECT count(*) AS n FROM attachment WHERE sha256 = ?');
  return sha256s.filter((sha) => (refs.get(sha) as { n: number }).n === 0);
}
