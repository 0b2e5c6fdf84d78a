import { randomInt } from 'node:crypto';

// No 0/O, 1/I/L: a reference is read out on the phone and typed from an e-mail.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const LENGTH = 5;

/** A new random lead reference such as `INV-7K3Q2` (31^5, about 28 million, unique in the store). */
export function newReference(): string {
  let code = '';
  for (let i = 0; i < LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return `INV-${code}`;
}

/** Whether a text is a reference in that form (case-insensitive). */
export function isReference(text: string): boolean {
  return new RegExp(`^INV-[${ALPHABET}]{${LENGTH}}$`, 'i').test(text);
}
