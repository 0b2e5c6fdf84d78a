import { expect } from 'chai';
import { ContactDirectory } from '../../src/contacts/contactDirectory.js';
import { loadKnowledge } from '../../src/knowledge/loader.js';

describe('Routing a conversation to the contact who can help', () => {
  let contacts: ContactDirectory;

  before(async () => {
    contacts = new ContactDirectory((await loadKnowledge('knowledge')).contacts);
  });

  const route = (current: string) => contacts.route({ current, history: [], scopes: [] }).contact;

  const cases: [message: string, contact: string, detail: 'fax' | 'phone' | 'email' | null][] = [
    // only one contact publishes a fax
    ['Is there a fax number for the Saxony life sciences contact person?', 'andrea-schluetter', 'fax'],
    // an organisation named in full is the one asked for, though "Invest" is an investor-services topic
    ['Under which telephone number can Germany Trade & Invest in Berlin be reached?', 'gtai', 'phone'],
    // "address" as a verb asks for no postal address
    [
      'I should like to speak with somebody about the building of a production facility in Saxony. Whom am I to address?',
      'barbara-weigert',
      null,
    ],
    ['What is the postal address of GTAI?', 'gtai', null],
  ];
  for (const [message, id, detail] of cases) {
    it(`routes "${message}" to ${id}`, () => {
      const contact = route(message);
      expect(contact.id).to.equal(id);
      if (detail) expect(contact[detail]).to.be.a('string');
    });
  }
});
