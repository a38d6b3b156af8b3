import assert from 'node:assert/strict';
import { canHandleReport, canModerate, canSeeReport } from '../../../src/staff/access.js';
import type { StaffContact, StaffRole } from '../../../src/staff/types.js';

const contact = (id: number, role: string, parishCode: string): StaffContact => ({
  id,
  role,
  parishCode,
  parishType: 'pagasts',
  name: `c${id}`,
  email: `c${id}@example.org`,
});
const who = (role: StaffRole, parishes: string[] | 'all', contacts: StaffContact[] = []) => ({
  role,
  parishes,
  contacts,
});

const kaunataPublic = { parishCode: 'kaunatas', isPrivate: false, recipientContactIds: [1, 2] };
const kaunataPrivate = { parishCode: 'kaunatas', isPrivate: true, recipientContactIds: [2] };
const maltaPrivate = { parishCode: 'maltas', isPrivate: true, recipientContactIds: [9] };

describe('who may see and handle a report', () => {
  it('lets an admin see and handle everything', () => {
    for (const report of [kaunataPublic, kaunataPrivate, maltaPrivate]) {
      assert.equal(canSeeReport(who('admin', 'all'), report), true);
      assert.equal(canHandleReport(who('admin', 'all'), report), true);
    }
  });

  it('lets a moderator see public reports only, and handle none', () => {
    const moderator = who('moderator', 'all');
    assert.equal(canSeeReport(moderator, kaunataPublic), true);
    assert.equal(canSeeReport(moderator, kaunataPrivate), false);
    assert.equal(canHandleReport(moderator, kaunataPublic), false);
    assert.equal(canModerate(moderator), true);
  });

  it("lets a social worker see every report of their parishes, private ones too, and nobody else's", () => {
    const worker = who('social_worker', ['kaunatas'], [contact(2, 'social_worker', 'kaunatas')]);
    assert.equal(canSeeReport(worker, kaunataPublic), true);
    assert.equal(canSeeReport(worker, kaunataPrivate), true);
    assert.equal(canSeeReport(worker, maltaPrivate), false);
    assert.equal(canModerate(worker), false);
  });

  it("lets a clerk see their parish's public reports and only the private ones routed to them", () => {
    const clerk = who('parish_clerk', ['kaunatas'], [contact(1, 'parish_admin', 'kaunatas')]);
    assert.equal(canSeeReport(clerk, kaunataPublic), true);
    assert.equal(canSeeReport(clerk, kaunataPrivate), false, 'routed to the social worker only');
    assert.equal(canSeeReport(clerk, { ...kaunataPrivate, recipientContactIds: [1, 2] }), true);
    assert.equal(canSeeReport(clerk, { ...kaunataPublic, parishCode: 'maltas' }), false);
  });
});
