import * as m from '../../paraglide/messages.js';
import type { Locale } from './stories.js';
import type { PublicStory } from './stories.service.js';

/** XML text and attribute escaping for everything a person typed. */
export const escapeXml = (text: string) =>
	text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');

/** Greedy word wrap by character count: good enough for a card in one system font. */
export function wrap(text: string, width: number, maxLines: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.replace(/\s+/g, ' ').trim().split(' ')) {
		if ((line + ' ' + word).trim().length > width && line) {
			lines.push(line);
			line = word;
		} else line = (line + ' ' + word).trim();
	}
	if (line) lines.push(line);
	if (lines.length <= maxLines) return lines;
	const kept = lines.slice(0, maxLines);
	kept[maxLines - 1] = `${kept[maxLines - 1]!.replace(/[\s,.;:]*$/, '')}…`;
	return kept;
}

/**
 * A 1200×630 share card: the quote, the display name and the campaign. Nothing else about the
 * author is ever drawn (no age band either: the name and words are what consent covers).
 */
export function renderStoryCard({ story, ecosystemName, locale }: { story: PublicStory; ecosystemName: string; locale: Locale }): string {
	const lines = wrap(story.text, 44, 6);
	const quote = lines.map((l, i) => `<tspan x="80" dy="${i === 0 ? 0 : 52}">${escapeXml(l)}</tspan>`).join('');
	return `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630" viewBox="0 0 1200 630" role="img" aria-label="${escapeXml(`${story.displayName}: ${story.text.slice(0, 120)}`)}">
<rect width="1200" height="630" fill="#0b5c8f"/>
<rect x="40" y="40" width="1120" height="550" rx="24" fill="#ffffff"/>
<text x="80" y="150" font-family="system-ui, sans-serif" font-size="40" fill="#1b1f24" lang="${story.language}">${quote}</text>
<text x="80" y="500" font-family="system-ui, sans-serif" font-size="36" font-weight="700" fill="#0b5c8f">— ${escapeXml(story.displayName)}</text>
<text x="80" y="555" font-family="system-ui, sans-serif" font-size="26" fill="#4a5361">${escapeXml(m.stories_card_tagline({ ecosystem: ecosystemName }, { locale }))}</text>
</svg>`;
}
