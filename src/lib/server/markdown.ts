import MarkdownIt from 'markdown-it';

/**
 * Staff-written Markdown becomes HTML here and nowhere else. Raw HTML in the source is escaped
 * (html: false), and markdown-it's link validation drops javascript:, vbscript: and data: URLs,
 * so the output is safe to insert into a page.
 */
const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });

const defaultLinkOpen =
	md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
	const token = tokens[idx]!;
	const href = String(token.attrGet('href') ?? '');
	if (/^https?:\/\//i.test(href)) token.attrSet('rel', 'nofollow noopener noreferrer');
	return defaultLinkOpen(tokens, idx, options, env, self);
};
// Headings written by staff sit inside a page that already has h1/h2: shift them down.
md.renderer.rules.heading_open = (tokens, idx) => {
	const level = Math.min(6, Number(tokens[idx]!.tag.slice(1)) + 2);
	return `<h${level}>`;
};
md.renderer.rules.heading_close = (tokens, idx) => {
	const level = Math.min(6, Number(tokens[idx]!.tag.slice(1)) + 2);
	return `</h${level}>\n`;
};

export function renderMarkdown(source: string | null | undefined): string {
	if (!source) return '';
	return md.render(source);
}
