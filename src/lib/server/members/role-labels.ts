import * as m from '../../paraglide/messages.js';
import type { EcosystemRole } from '../auth/roles.js';

export function roleLabel(role: EcosystemRole, locale: 'en' | 'es'): string {
	switch (role) {
		case 'backbone_admin':
			return m.role_backbone_admin({}, { locale });
		case 'backbone_staff':
			return m.role_backbone_staff({}, { locale });
		case 'partner_admin':
			return m.role_partner_admin({}, { locale });
		case 'partner_member':
			return m.role_partner_member({}, { locale });
		case 'educator':
			return m.role_educator({}, { locale });
	}
}
