import type { DemoRole, HttpSession } from '../helpers.js';

/** Who a route is tried as: every demo role, and a signed-out visitor. */
export type Role = DemoRole | 'public';
export const roles: Role[] = ['public', 'platform_admin', 'backbone_admin', 'backbone_staff', 'partner_admin', 'partner_member', 'educator'];
export const everyone = roles;
export const members: Role[] = ['backbone_admin', 'backbone_staff', 'partner_admin', 'partner_member', 'educator'];
export const signedInRoles: Role[] = roles.filter((r) => r !== 'public');
export const backbone: Role[] = ['backbone_admin', 'backbone_staff'];

export interface Route {
	method: 'GET' | 'POST';
	path: string;
	form?: Record<string, string>;
	allow: Role[];
	/** What an allowed role gets: 200 for pages, 422 for writes with invalid input. */
	okStatus?: number;
	/** Where signed-out visitors go when not allowed (default: sign-in). */
	publicStatus?: number;
	/** What signed-in people without the permission get (default 403; 404 where existence is private). */
	deniedStatus?: number;
}

/**
 * One domain's routes. It may look up the ids it needs (a demo record's page, or a record it
 * makes) as the Philadelphia backbone admin, who can see everything there.
 */
export type RouteTable = (admin: HttpSession) => Promise<Route[]>;

export const eco = '/e/philadelphia';
export const own = `${eco}/partners/brick-and-bolt-youth-makerspace`; // the demo partner admin's partner
export const other = `${eco}/partners/helix-row-biotherapeutics`; // someone else's partner
