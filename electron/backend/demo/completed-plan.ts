// The completed demo's choices, all from the seed: each expert's item scores, the demo keys, and how the ballots
// split so that each dossier gets exactly the counts the script wants. Pure; the meeting itself is completed-meeting.ts.
import { createHash } from 'node:crypto';
import type { ItemDoc } from '../../../shared/bundle/schema';
import type { Choice } from '../../../shared/domain/ballots';
import { fork } from './prng';

// Salts for independent random streams (apart from demo-session.ts's 1–4).
const STREAM = { quality: 11, noise: 12, votes: 13 } as const;

/**
 * An expert's Ed25519 seed: SHA-256 over the demo seed, session and expert. These are demo keys: anyone who knows the
 * seed can rebuild them, so a completed demo proves the format and the verifier, never who signed.
 */
export function demoKeySeed(seed: number, sessionId: string, expertId: string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(`paneldesk-demo-key-v1|${seed}|${sessionId}|${expertId}`).digest());
}

/** Small integer hash of a string, to key the random streams by id. */
function idNumber(id: string): number {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** How good a dossier is, in [0.45, 0.95]: the expert scores scatter around it. */
export function dossierQuality(seed: number, qualityKey: string): number {
  return 0.45 + 0.5 * fork(seed, STREAM.quality, idNumber(qualityKey))();
}

/**
 * One expert's score of one item, in hundredths on whole points (or on a band): the dossier's quality plus the
 * expert's noise of ±8 %. The skewed expert (examiner training) scores every item at a tenth of its cap.
 * `noiseKey` is the dossier's quality key, so two "twin" dossiers get identical sheets from each expert.
 */
export function itemScore(seed: number, item: Pick<ItemDoc, 'id' | 'max' | 'bands'>, quality: number, expertId: string, noiseKey: string, skewed: boolean): number {
  const noise = (fork(seed, STREAM.noise, idNumber(expertId), idNumber(noiseKey), idNumber(item.id))() - 0.5) * 0.16;
  const q = skewed ? 0.1 : Math.min(1, Math.max(0, quality + noise));
  const bands = item.bands ?? [];
  if (bands.length > 0) {
    const target = item.max * q;
    return bands.reduce((best, b) => (Math.abs(b.score - target) < Math.abs(best - target) ? b.score : best), (bands[0] as { score: number }).score);
  }
  return Math.min(item.max, Math.round((item.max * q) / 100) * 100);
}

export interface VoteTarget {
  agree: number;
  disagree: number;
  abstain: number;
}

/**
 * Who votes what on one dossier so that the counts come out exactly as `t`: the voters in a seeded order, the first
 * `agree` of them agree, the next `disagree` disagree, the rest abstain.
 */
export function splitVotes(seed: number, roundNo: number, dossierId: string, voters: readonly string[], t: VoteTarget): Map<string, Choice> {
  if (t.agree + t.disagree + t.abstain !== voters.length) throw new Error(`vote target for ${dossierId} does not add up to ${voters.length}`);
  const rng = fork(seed, STREAM.votes, roundNo, idNumber(dossierId));
  const order = [...voters].sort().map((v) => ({ v, k: rng() })).sort((a, b) => a.k - b.k);
  const out = new Map<string, Choice>();
  order.forEach(({ v }, i) => out.set(v, i < t.agree ? 'agree' : i < t.agree + t.disagree ? 'disagree' : 'abstain'));
  return out;
}

/** A failing split of `voters` below `needed`: as many agree as `agree`, the rest half against, half abstaining. */
export function target(voters: number, agree: number): VoteTarget {
  const rest = voters - agree;
  return { agree, disagree: Math.ceil(rest / 2), abstain: Math.floor(rest / 2) };
}
