const ADJECTIVES = [
  'Amber', 'Azure', 'Brisk', 'Calm', 'Cedar', 'Coral', 'Crimson', 'Dusky', 'Ember', 'Fern', 'Frost', 'Golden',
  'Hazel', 'Indigo', 'Ivory', 'Jade', 'Lunar', 'Maple', 'Misty', 'Nimble', 'Olive', 'Opal', 'Quiet', 'Rapid',
  'Russet', 'Sable', 'Silver', 'Slate', 'Solar', 'Swift', 'Teal', 'Velvet',
] as const;
const ANIMALS = [
  'Badger', 'Bison', 'Crane', 'Falcon', 'Ferret', 'Finch', 'Fox', 'Gecko', 'Heron', 'Ibex', 'Jackal', 'Koala',
  'Lark', 'Lemur', 'Lynx', 'Marten', 'Moose', 'Newt', 'Ocelot', 'Otter', 'Owl', 'Panda', 'Puffin', 'Quail',
  'Raven', 'Seal', 'Stoat', 'Swan', 'Tapir', 'Viper', 'Walrus', 'Wren',
] as const;

/** FNV-1a over the UTF-16 code units: tiny, deterministic, the same in browser and server. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * A candidate's stable pseudonym in anonymized mode, e.g. "Candidate Teal Heron 417":
 * derived from the invitation id alone, so every page and every interviewer
 * shows the same one, and it reveals nothing about the name.
 */
export function candidatePseudonym(invitationId: string): string {
  const h = fnv1a(invitationId.toLowerCase());
  const adjective = ADJECTIVES[h % ADJECTIVES.length]!;
  const animal = ANIMALS[(h >>> 5) % ANIMALS.length]!;
  const number = ((h >>> 10) % 900) + 100;
  return `Candidate ${adjective} ${animal} ${number}`;
}

/** The name to show: the real one, or the pseudonym when anonymized. */
export function candidateLabel(invitation: { id: string; candidateName: string }, anonymized: boolean): string {
  return anonymized ? candidatePseudonym(invitation.id) : invitation.candidateName;
}
