import type { StaffRole } from './types.js';

interface NavItem {
  id: string;
  href: string;
  key: string;
  roles: readonly StaffRole[];
}

// What each role's menu holds; the routes check the same roles (and every object) themselves.
const ITEMS: readonly NavItem[] = [
  { id: 'queue', href: '/staff', key: 'staff.nav.queue', roles: ['admin', 'social_worker', 'parish_clerk'] },
  {
    id: 'new-report',
    href: '/staff/reports/new',
    key: 'staff.nav.newReport',
    roles: ['admin', 'social_worker', 'parish_clerk'],
  },
  {
    id: 'inbound',
    href: '/staff/inbound',
    key: 'staff.nav.inbound',
    roles: ['admin', 'social_worker', 'parish_clerk'],
  },
  { id: 'help', href: '/staff/help', key: 'staff.nav.help', roles: ['admin', 'social_worker'] },
  { id: 'moderation', href: '/staff/moderation', key: 'staff.nav.moderation', roles: ['admin', 'moderator'] },
  { id: 'admin', href: '/staff/admin', key: 'staff.nav.admin', roles: ['admin'] },
  { id: 'audit', href: '/staff/audit', key: 'staff.nav.audit', roles: ['admin'] },
];

export function staffNavItems(user: { role: StaffRole }): NavItem[] {
  return ITEMS.filter((item) => item.roles.includes(user.role));
}
