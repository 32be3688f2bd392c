import { error, redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { safeNextPath } from '#lib/server/http/redirects.js';

/** The language switch: a plain link, so it works without JavaScript. */
export const GET: RequestHandler = ({ params, url, cookies }) => {
	if (params.locale !== 'en' && params.locale !== 'es') error(404, 'Unknown language');
	cookies.set('parity_locale', params.locale, {
		path: '/',
		httpOnly: false,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		maxAge: 60 * 60 * 24 * 365
	});
	redirect(303, safeNextPath(url.searchParams.get('next')));
};
