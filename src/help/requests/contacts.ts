/**
 * A contact as Tilts compares it: an address in lower case, a phone as its digits without
 * Latvia's +371 (so "+371 2000 0001", "20000001" and "2000-0001" are one number).
 */
export const emailKey = (email: string): string => `email:${email.toLowerCase()}`;
export const phoneKey = (phone: string): string =>
  `phone:${phone.replace(/\D/g, '').replace(/^371(?=\d{8}$)/, '')}`;

interface Reachable {
  email: string | null;
  phone: string | null;
}

/** A pair of contacts (the asker's, or the person's) as comparable keys. */
export const keysOf = (contact: Reachable): string[] => [
  ...(contact.email ? [emailKey(contact.email)] : []),
  ...(contact.phone ? [phoneKey(contact.phone)] : []),
];

/**
 * Who a request comes from, to know it again when it is sent once more: the asker's own contacts,
 * or, when they left none, the person's it is for (the only way anyone can answer it).
 */
export function senderKeys(asker: Reachable, subject: Reachable): string[] {
  const own = keysOf(asker);
  return own.length > 0 ? own : keysOf(subject);
}
