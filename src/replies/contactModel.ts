import type { Contact } from '../contacts/contactDirectory.js';

/** A contact as the templates see it: every field present (null when the contact has none), the team named once. */
export function contactModel(contact: Contact) {
  // "Chemicals & Healthcare Team, Germany Trade & Invest" already names its team
  const teamName = contact.team.replace(/\s*\(.*\)$/, '');
  return {
    name: contact.name,
    role: contact.role,
    team: contact.role.includes(teamName) ? null : contact.team,
    phone: contact.phone ?? null,
    fax: contact.fax ?? null,
    email: contact.email ?? null,
    address: contact.address ?? null,
  };
}
