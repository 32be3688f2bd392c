import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { chromiumPath, closeBrowser, expectAccessible, HttpSession, newContext } from '../helpers.js';

const dashboards = ['/e/philadelphia/dashboard', '/e/portland/dashboard'];
const charts = ['index', 'shares', 'pipeline'] as const;

/** Splits CSV text into rows of cells (RFC 4180 quoting). */
function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let cell = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i]!;
		if (quoted) {
			if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
			else if (ch === '"') quoted = false;
			else cell += ch;
		} else if (ch === '"') quoted = true;
		else if (ch === ',') row.push(cell), (cell = '');
		else if (ch === '\n') row.push(cell), rows.push(row), (row = []), (cell = '');
		else if (ch !== '\r') cell += ch;
	}
	if (cell !== '' || row.length) row.push(cell), rows.push(row);
	return rows;
}

/** The count a table cell starts with ("12,345 ± 678" → 12345, "1.234" in Spanish → 1234), or null for words. */
function leadingCount(text: string): number | null {
	const match = text.trim().match(/^\d[\d.,\u00a0 ]*/);
	if (!match) return null;
	return Number(match[0].replace(/[^\d]/g, ''));
}

const isSmall = (n: number) => n >= 1 && n <= 10;

/** Every count cell of every data table, found by its column header (th[data-count]). */
async function countCells(page: Page): Promise<{ table: string; column: string; text: string }[]> {
	return page.evaluate(() =>
		[...document.querySelectorAll('table')].flatMap((table) => {
			const headers = [...table.querySelectorAll('thead th')];
			const columns = headers.flatMap((th, index) => (th.hasAttribute('data-count') ? [{ index, name: th.textContent ?? '' }] : []));
			return [...table.querySelectorAll('tbody tr')].flatMap((tr) => {
				const cells = [...tr.children];
				return columns.map(({ index, name }) => ({
					table: table.querySelector('caption')?.textContent ?? '',
					column: name,
					text: (cells[index] as HTMLElement | undefined)?.innerText ?? ''
				}));
			});
		})
	);
}

const describeBrowser = chromiumPath() ? describe : describe.skip;

describeBrowser('the public dashboard in a browser', () => {
	let js: BrowserContext;
	let noJs: BrowserContext;
	beforeAll(async () => {
		js = await newContext({ javaScriptEnabled: true });
		noJs = await newContext({ javaScriptEnabled: false });
	});
	afterAll(async () => {
		await js?.close();
		await noJs?.close();
		await closeBrowser();
	});

	for (const locale of ['en', 'es'] as const) {
		it(`passes axe in ${locale === 'en' ? 'English' : 'Spanish'}, dashboards and embeds`, async () => {
			const page = await js.newPage();
			await page.goto(`/language/${locale}?next=/`);
			for (const path of [...dashboards, ...charts.map((chart) => `/e/philadelphia/embed/${chart}`)]) {
				const response = await page.goto(path);
				expect(response?.status(), path).toBe(200);
				expect(await page.getAttribute('html', 'lang')).toBe(locale);
				expect(await page.locator('h1').count(), `one h1 on ${path}`).toBe(1);
				await expectAccessible(page);
			}
			if (locale === 'es') {
				await page.goto('/e/philadelphia/dashboard');
				expect(await page.locator('h1').textContent()).toBe('Panel del Índice de Acceso');
				expect(await page.getByRole('columnheader', { name: 'Índice de Acceso' }).count()).toBeGreaterThan(0);
				// Spanish metric names are used where the metric has one.
				expect(await page.locator('body').innerText()).toContain('Personas empleadas en ocupaciones de computación, ingeniería y ciencias');
			}
			await page.close();
		});
	}

	it('reads every chart with JavaScript off: an SVG with a name and a data table with a caption', async () => {
		const page = await noJs.newPage();
		await page.goto('/e/philadelphia');
		await page.getByRole('navigation', { name: /sections/ }).getByRole('link', { name: 'Dashboard' }).click();
		await expect.poll(() => page.url()).toContain('/e/philadelphia/dashboard');
		for (const chart of charts) {
			const section = page.locator(`#chart-${chart}`);
			const svg = section.locator('svg.chart-svg');
			expect(await svg.count(), chart).toBe(1);
			expect(await svg.getAttribute('role')).toBe('img');
			expect(await section.getByRole('img', { name: (await section.locator('h2').textContent())! }).count()).toBe(1);
			const table = section.locator('table');
			expect(await table.count(), chart).toBe(1);
			expect((await table.locator('caption').textContent())?.length).toBeGreaterThan(5);
			expect(await table.locator('tbody tr').count(), chart).toBeGreaterThan(0);
			expect(await section.getByRole('link', { name: 'Download the data (CSV)' }).getAttribute('href')).toBe(`/e/philadelphia/dashboard/${chart}.csv`);
		}
		// The pipeline says where each group is lost, in words as well as in the chart.
		expect(await page.locator('#chart-pipeline').innerText()).toMatch(/the biggest drop is from/);
		// Synthetic stages are labelled as such.
		expect(await page.locator('body').innerText()).toContain('Synthetic demo data');
		await page.close();
	});

	it('breaks no CSP rule: the charts carry no inline styles', async () => {
		const context = await newContext({ javaScriptEnabled: true });
		// Injected by the browser before any page script, so it sees every violation the page causes.
		await context.addInitScript(() => {
			const seen: { directive: string; sample: string }[] = [];
			(window as unknown as { cspViolations: typeof seen }).cspViolations = seen;
			document.addEventListener('securitypolicyviolation', (e) => seen.push({ directive: e.violatedDirective, sample: e.sample }));
		});
		const page = await context.newPage();
		const violationsOn = async (path: string) => {
			await page.goto(path);
			await page.waitForLoadState('load');
			return page.evaluate(() => (window as unknown as { cspViolations: { directive: string }[] }).cspViolations);
		};
		// The page shell (src/app.html) has its own inline style attribute; the dashboard adds none.
		const shell = await violationsOn('/e/philadelphia');
		expect(await violationsOn('/e/philadelphia/dashboard')).toEqual(shell);
		expect(await violationsOn('/e/philadelphia/embed/index')).toEqual([]);
		await page.goto('/e/philadelphia/dashboard');
		expect(await page.locator('.chart-svg [style], .chart-svg style').count()).toBe(0);
		await context.close();
	});

	it('shows no count from 1 to 10 anywhere on the seeded dashboards: tables, charts, page text and CSV', async () => {
		const page = await js.newPage();
		await page.goto('/language/en?next=/');
		for (const path of dashboards) {
			await page.goto(path);
			const cells = await countCells(page);
			expect(cells.length, path).toBeGreaterThan(30);
			const small = cells.filter((cell) => {
				const n = leadingCount(cell.text);
				return n !== null && isSmall(n);
			});
			expect(small, path).toEqual([]);
			// Suppression really happened (the demo has small cells on purpose), shown as a word.
			expect(cells.some((cell) => cell.text === 'Suppressed'), path).toBe(true);

			// Chart text is years, indexes (0.44), percentages and labels: never a bare small integer.
			const svgText = await page.locator('svg.chart-svg text').allTextContents();
			const bareIntegers = svgText.flatMap((text) => text.match(/(?<![\d.,])\d+(?![\d.,%])/g) ?? []).map(Number);
			expect(bareIntegers.filter(isSmall), `${path} chart text`).toEqual([]);

			// Outside the tables, the page's own text holds no small count either ("7 people").
			const prose = await page.evaluate(() => {
				const clone = document.querySelector('main')!.cloneNode(true) as HTMLElement;
				clone.querySelectorAll('table, svg, code').forEach((el) => el.remove());
				return clone.innerText;
			});
			expect(prose.match(/(?<![\d.,–-])\b([1-9]|10)\b(?![\d.,%–-])(?!\s*[–-]\s*\d)/g) ?? [], `${path} page text`).toEqual([]);

			for (const chart of charts) {
				const response = await page.request.get(`${path}/${chart}.csv`);
				expect(response.status()).toBe(200);
				const rows = parseCsv(await response.text());
				const header = rows[0]!;
				const countColumns = header.flatMap((name, i) => (/(_count|_total|_people)$/.test(name) ? [i] : []));
				expect(countColumns.length, `${path} ${chart}.csv count columns`).toBeGreaterThan(0);
				for (const row of rows.slice(1)) {
					for (const i of countColumns) {
						const value = row[i]!;
						expect(value === 'suppressed' || value === 'not_available' || value === '' || /^\d+$/.test(value), `${chart}.csv ${header[i]} = ${value}`).toBe(true);
						if (/^\d+$/.test(value)) expect(isSmall(Number(value)), `${path} ${chart}.csv ${header[i]} = ${value}`).toBe(false);
					}
				}
			}
		}
		await page.close();
	});
});

describe('dashboard downloads and embeds over HTTP', () => {
	it('downloads each chart as CSV, as an attachment, suppressed like the page', async () => {
		const http = new HttpSession();
		for (const chart of charts) {
			const response = await http.get(`/e/philadelphia/dashboard/${chart}.csv`);
			expect(response.status, chart).toBe(200);
			expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
			expect(response.headers.get('content-disposition')).toBe(`attachment; filename="philadelphia-${chart}.csv"`);
			const text = await response.text();
			expect(text.split('\r\n')[0]).toMatch(/^group_key,group,/);
		}
		expect(await (await http.get('/e/philadelphia/dashboard/pipeline.csv')).text()).toContain('suppressed');
		expect((await http.get('/e/philadelphia/dashboard/nothing.csv')).status).toBe(404);
		expect((await http.get('/e/atlantis/dashboard/index.csv')).status).toBe(404);
	});

	it('lets other sites frame the embeds (frame-ancestors *) and nothing else', async () => {
		const http = new HttpSession();
		for (const chart of charts) {
			const response = await http.get(`/e/portland/embed/${chart}`);
			expect(response.status, chart).toBe(200);
			const csp = response.headers.get('content-security-policy') ?? '';
			expect(csp).toMatch(/frame-ancestors \*/);
			expect(csp).toMatch(/default-src 'none'/);
			expect(csp).not.toMatch(/script-src/);
			// The legacy header would contradict frame-ancestors * in older browsers.
			expect(response.headers.get('x-frame-options'), chart).toBeNull();
			const html = await response.text();
			expect(html).toContain('<table>');
			expect(html).not.toMatch(/<script|style="/);
		}
		for (const path of ['/e/portland/dashboard', '/e/portland', '/e/portland/dashboard/index.csv']) {
			const response = await http.get(path);
			const csp = response.headers.get('content-security-policy') ?? '';
			expect(csp, path).toMatch(/frame-ancestors 'none'/);
			expect(response.headers.get('x-frame-options'), path).toBe('DENY');
		}
		expect((await http.get('/e/portland/embed/nothing')).status).toBe(404);
	});
});
