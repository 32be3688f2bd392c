import { createHash } from 'node:crypto';
import * as m from '../../paraglide/messages.js';
import type { Locale } from './stories.js';
import type { PublicStory } from './stories.service.js';
import { escapeXml as escape } from './story-card.js';

/** The stories widget for partners' websites: self-contained HTML, no script, one hashed stylesheet. */
const css = `*,*::before,*::after{box-sizing:border-box}
body{margin:0;padding:12px;font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',Arial,sans-serif;color:#1b1f24;background:#fff;line-height:1.5}
h1{font-size:1.2rem;margin:0 0 8px}
ul{list-style:none;margin:0;padding:0;display:grid;gap:12px;grid-template-columns:repeat(auto-fill,minmax(16rem,1fr))}
li{border:1px solid #d3d8df;border-radius:8px;padding:12px}
blockquote{margin:0 0 8px;font-size:1rem}
p{margin:0}
.muted{color:#4a5361;font-size:.875rem}
a{color:#0b5c8f}
a:focus-visible{outline:3px solid #c4490a;outline-offset:2px}`;

const cssHash = createHash('sha256').update(css).digest('base64');

/** Other sites may frame this page; nothing else may load, nothing can be posted from it. */
export const storiesEmbedCsp = `default-src 'none'; style-src 'sha256-${cssHash}'; frame-ancestors *; base-uri 'none'; form-action 'none'`;

export function renderStoriesEmbed(args: { stories: PublicStory[]; locale: Locale; ecosystemName: string; wallUrl: string }): string {
	const o = { locale: args.locale };
	const items = args.stories
		.map((s) => {
			const text = s.text.length > 240 ? `${s.text.slice(0, 237).trimEnd()}…` : s.text;
			return `<li><blockquote lang="${s.language}"><p>${escape(text)}</p></blockquote><p><a href="${escape(`${args.wallUrl}/${s.id}`)}" target="_top">${escape(s.displayName)}</a></p></li>`;
		})
		.join('');
	return `<!doctype html>
<html lang="${args.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>${escape(m.stories_wall_title({}, o))} · ${escape(args.ecosystemName)}</title><style>${css}</style></head>
<body><main><h1>${escape(m.stories_wall_title({}, o))}</h1>${items ? `<ul>${items}</ul>` : `<p>${escape(m.stories_wall_empty({}, o))}</p>`}
<p class="muted"><a href="${escape(args.wallUrl)}" target="_top">${escape(m.stories_embed_more({ ecosystem: args.ecosystemName }, o))}</a></p></main></body></html>`;
}
