import type { CryptoProfile } from './profiles';
import type { AssessedMention } from './assess';
import { mentionLabel } from './assess';
import { effectiveUse } from './judge';

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
  const label = mentionLabel(mention);
  return use === 'protocol' || use === 'mode' || use === 'unspecified' ? label : `${label} for ${use}`;
}
