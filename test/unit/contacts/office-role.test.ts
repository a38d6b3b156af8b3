import assert from 'node:assert/strict';
import { officeRole } from '../../../src/contacts/office-role.js';

describe('the role an office is named by', () => {
  it('names the administration of the town a town’s, and a parish’s a parish’s', () => {
    assert.equal(officeRole('parish_admin', 'pilsēta'), 'town_admin');
    assert.equal(officeRole('parish_admin', 'pagasts'), 'parish_admin');
  });

  it('keeps every other role, and a parish administration whose place is not known', () => {
    assert.equal(officeRole('social_worker', 'pilsēta'), 'social_worker');
    assert.equal(officeRole('municipality', null), 'municipality');
    assert.equal(officeRole('parish_admin', null), 'parish_admin');
    assert.equal(officeRole('parish_admin', undefined), 'parish_admin');
  });
});
