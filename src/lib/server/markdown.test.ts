import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown.js';

describe('renderMarkdown', () => {
	it('renders nothing for empty or missing text', () => {
		expect(renderMarkdown('')).toBe('');
		expect(renderMarkdown(null)).toBe('');
		expect(renderMarkdown(undefined)).toBe('');
	});

	it.each([
		['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
		['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
		['Hi <b onclick="x()">there</b>', 'Hi &lt;b onclick=&quot;x()&quot;&gt;there&lt;/b&gt;']
	])('escapes raw HTML %s', (source, escaped) => {
		const html = renderMarkdown(source);
		expect(html).toContain(escaped);
		expect(html).not.toMatch(/<(script|img|b)\b/);
	});

	it.each([
		'[click](javascript:alert(1))',
		'[click](JAVASCRIPT:alert(1))',
		'[click](vbscript:msgbox(1))',
		'[click](data:text/html;base64,PHNjcmlwdD4=)',
		'<javascript:alert(1)>'
	])('drops the dangerous link in %s', (source) => {
		const html = renderMarkdown(source);
		expect(html).not.toMatch(/href="(javascript|vbscript|data):/i);
		expect(html).not.toContain('<a');
	});

	it('keeps web links and marks them nofollow noopener', () => {
		expect(renderMarkdown('[site](https://example.org)')).toBe(
			'<p><a href="https://example.org" rel="nofollow noopener noreferrer">site</a></p>\n'
		);
	});

	it('keeps site-relative links without rel', () => {
		expect(renderMarkdown('[partners](/e/philadelphia/partners)')).toBe('<p><a href="/e/philadelphia/partners">partners</a></p>\n');
	});

	it.each([
		['# Title', '<h3>Title</h3>'],
		['## Section', '<h4>Section</h4>'],
		['### Sub', '<h5>Sub</h5>'],
		['#### Deep', '<h6>Deep</h6>'],
		['###### Deepest', '<h6>Deepest</h6>']
	])('shifts heading %s below the page headings', (source, expected) => {
		expect(renderMarkdown(source).trim()).toBe(expected);
	});
});
