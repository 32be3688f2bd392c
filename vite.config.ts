import { sveltekit } from '@sveltejs/kit/vite';
import adapter from '@sveltejs/adapter-node';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { defineConfig, type Plugin } from 'vite';
import { writeWorkerSource } from './scripts/worker-source.js';

/**
 * Keeps the participant import's worker bundle (scripts/worker-source.ts) in step with its sources:
 * rewritten when a build or the dev server starts, and in dev whenever one of its sources changes.
 */
function participantWorker(): Plugin {
	let inputs = new Set<string>();
	const write = async () => {
		inputs = new Set((await writeWorkerSource()).inputs);
	};
	return {
		name: 'parity-participant-worker',
		buildStart: write,
		async handleHotUpdate({ file }) {
			if (inputs.has(file)) await write();
		}
	};
}

export default defineConfig({
	plugins: [
		participantWorker(),
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			strategy: ['cookie', 'preferredLanguage', 'baseLocale'],
			cookieName: 'parity_locale'
		}),
		sveltekit({
			adapter: adapter({ precompress: false }),
			// Kit's own form-origin check would refuse cross-site forms before hooks.server.ts runs, so
			// they would go unlogged; http/cross-origin.ts applies the same rule and more, and logs each.
			csrf: { trustedOrigins: ['*'] },
			// Pages get a nonce-based CSP from Kit; every other response gets a default-deny CSP
			// from server.js. frame-ancestors 'none' is relaxed only by embeds, per route.
			csp: {
				mode: 'nonce',
				directives: {
					'default-src': ['self'],
					'script-src': ['self'],
					'style-src': ['self'],
					'img-src': ['self', 'data:'],
					'font-src': ['self'],
					'connect-src': ['self'],
					'form-action': ['self'],
					'base-uri': ['none'],
					'object-src': ['none'],
					'frame-ancestors': ['none']
				}
			}
		})
	],
	server: { port: 5173 }
});
