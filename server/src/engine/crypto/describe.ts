import type { CryptoProfile } from './profiles';
import type { AssessedMention } from './assess';
import { mentionLabel } from './assess';
import { effectiveUse } from './judge';
import { SSL_LABS_GRADES } from './scannerGrades';

/** "sp800-131a-r2 §2 Table 1; nist-tdea-2023" as "SP 800-131A Rev. 2 §2 Table 1; NIST news (2023-06-29)". */
export function describeSource(profile: CryptoProfile, source: string): string {
  return source.split('; ').map((part) => {
    const space = part.indexOf(' ');
    const key = space < 0 ? part : part.slice(0, space);
    const rest = space < 0 ? '' : part.slice(space);
    const known = profile.sources[key];
    if (!known) return part;
    let short = known.title.split(',')[0].replace(' (initial public draft)', ' (draft)');
    if (short === 'NIST news') short = `NIST news of ${known.date}`;
    return `${short}${rest}`;
  }).join('; ');
}

/** "3DES for encryption", "SHA-1 for signature", "TLS 1.0". */
export function mentionPhrase(mention: AssessedMention): string {
  const use = effectiveUse(mention);
  const label = mention.implied ? `${mentionLabel(mention)} (which the SSL Labs grade ${mention.implied.grade} the policy asks for tolerates)` : mentionLabel(mention);
  return use === 'protocol' || use === 'mode' || use === 'unspecified' ? label : `${label} for ${use}`;
}

/** Why a grade allows a version, with its source: what an author needs to change the grade or name the versions. */
export function impliedNote(implied: NonNullable<AssessedMention['implied']>): string {
  const better = SSL_LABS_GRADES[SSL_LABS_GRADES.indexOf(implied.cap) - 1];
  return implied.until
    ? `(Before ${implied.until} a server that supports it could still get grade ${implied.grade}; ${implied.source}.)`
    : `(A server that supports it can get grade ${implied.cap} at best, since ${implied.since}: ${implied.source}. Ask for grade ${better} or better, or state the TLS versions allowed.)`;
}
