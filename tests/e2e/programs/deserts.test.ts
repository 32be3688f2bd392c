import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { browserSignIn, chromiumPath, closeBrowser, demoAccounts, expectAccessible, newContext, submit } from '../helpers.js';
import { demoYouthFigures } from '../../../src/lib/server/demo/demo-youth.js';
import { demoMeasurement } from '../../../src/lib/server/demo/demo-measurement.js';
import { focusYouth, rankDeserts } from '../../../src/lib/server/geo/deserts.js';

const eco = '/e/philadelphia';
const zctaFile = resolve(process.cwd(), '../shared/data/geo/philadelphia_zcta2010.geojson');
const haveZcta = existsSync(zctaFile);
if (!haveZcta) {
	if (process.env.CI === 'true') throw new Error('The Census ZCTA files (../shared/data/geo) are required in CI.');
	console.warn('\n*** Desert map upload test SKIPPED: ../shared/data/geo/philadelphia_zcta2010.geojson is not on this machine. ***\n');
}
const describeBrowser = chromiumPath() && haveZcta ? describe : describe.skip;

/** The seeded figures, by ZIP and group, and the demo ecosystem's focus groups. */
const seeded = new Map<string, Map<string, number>>();
for (const f of demoYouthFigures('philadelphia')) seeded.set(f.zip, (seeded.get(f.zip) ?? new Map()).set(f.group_key, f.youth));
const focusGroups = demoMeasurement['philadelphia']!.focusGroups;
/** A table cell's leading number ("1,234", or "—" for none; a note may follow on its own line). */
const number = (text: string) => {
	const lead = /^(—|[\d,.]+)/.exec(text.trim())?.[1];
	return lead === undefined || lead === '—' ? null : Number(lead.replace(/,/g, ''));
};

async function tableRows(page: Page) {
	return page.locator('table.desert-table tbody tr').evaluateAll((rows) =>
		rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => (cell.textContent ?? '').trim()))
	);
}

describeBrowser('program deserts: backbone staff upload the Philadelphia ZCTAs, with JavaScript off', () => {
	let staff: BrowserContext;
	let page: Page;
	beforeAll(async () => {
		staff = await newContext({ javaScriptEnabled: false });
		page = await staff.newPage();
		await browserSignIn(page, demoAccounts.backbone_staff);
	});
	afterAll(async () => {
		await staff?.close();
		await closeBrowser();
	});

	it('refuses a broken boundary file, listing every problem, and keeps what was there', async () => {
		await page.goto(`${eco}/admin/asset-map/geography`);
		const bad = {
			type: 'FeatureCollection',
			features: [
				{ type: 'Feature', properties: { zip: '19104' }, geometry: { type: 'Point', coordinates: [-75.2, 39.95] } },
				{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[-75.2, 39.9], [-75.1, 39.9], [-75.1, 40], [-75.2, 39.9]]] } }
			]
		};
		await page.setInputFiles('#field-boundaries', { name: 'bad.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(bad)) });
		await submit(page, page.getByRole('button', { name: 'Upload boundaries' }));
		const summary = await page.locator('.error-summary').innerText();
		expect(summary).toContain('features[0] (ZIP 19104): the geometry is a "Point"');
		expect(summary).toContain('features[1]: no 5-digit ZIP code in its properties');
		expect(await page.locator('main').innerText()).toContain('No boundaries yet');
	});

	it('refuses a youth CSV with bad rows, naming row, column and value', async () => {
		await page.goto(`${eco}/admin/asset-map/geography`);
		const csv = 'zip,group,count,year,source\n19104,all,10,2013,x\n1910,teens,ten,2013,x\n';
		await page.setInputFiles('#field-youth', { name: 'youth.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
		await submit(page, page.getByRole('button', { name: 'Upload youth population' }));
		const summary = await page.locator('.error-summary').innerText();
		expect(summary).toContain('Row 3, zip “1910”: A ZIP code is 5 digits');
		expect(summary).toContain('Row 3, group “teens”: Unknown group');
		expect(summary).toContain('Row 3, count “ten”');
		// Nothing changed: the seeded figures are still there.
		expect(await page.locator('main').innerText()).toContain(`${demoYouthFigures('philadelphia').length} youth population figures for 48 ZIP codes`);
	});

	it('uploads the Census ZCTA file and draws the desert map for all 48 ZIPs, ranked as the seeded numbers say', async () => {
		await page.goto(`${eco}/admin/asset-map/deserts`);
		// Before any boundary: a circle per ZIP at its centre.
		expect(await page.locator('svg.svg-map circle').count()).toBe(48);

		await page.goto(`${eco}/admin/asset-map/geography`);
		await page.setInputFiles('#field-boundaries', zctaFile);
		await submit(page, page.getByRole('button', { name: 'Upload boundaries' }));
		expect(await page.locator('main').innerText()).toContain('Boundaries of 48 ZIP codes saved');

		await page.getByRole('link', { name: 'See the program desert map' }).click();
		await page.waitForLoadState('load');
		expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Program deserts');
		const shapes = page.locator('svg.svg-map path');
		expect(await shapes.count()).toBe(48);
		const titles = await shapes.locator('title').allTextContents();
		expect(new Set(titles.map((t) => t.slice(0, 5)))).toEqual(new Set(seeded.keys()));

		const rows = await tableRows(page);
		expect(rows).toHaveLength(48);
		// Each ZIP's focus-group youth is what the seeded figures give.
		for (const [, zip, youth] of rows) expect(number(youth!), zip).toBe(focusYouth(seeded.get(zip!)!, focusGroups).youth);
		// The ranking is the documented rule applied to the seeded youth and the seats shown.
		const seatsByZip = new Map(rows.map(([, zip, , seats]) => [zip!, number(seats!) ?? 0]));
		const expected = rankDeserts({
			zips: [...seeded.keys()],
			youth: seeded,
			focusGroups,
			programs: [...seatsByZip].filter(([, seats]) => seats > 0).map(([zip, seats]) => ({ id: zip, capacity: seats, zips: [zip] }))
		});
		expect(rows.map(([rank, zip]) => [zip, rank === '—' ? null : Number(rank)])).toEqual(expected.rows.map((r) => [r.zip, r.rank]));
		// Demo programs are placed in a few ZIPs; the ZIPs without youth (19109, 19112) come last, unranked.
		expect(rows.slice(-2).map(([rank, zip]) => [rank, zip])).toEqual([
			['—', '19109'],
			['—', '19112']
		]);
		expect([...seatsByZip.values()].some((s) => s > 0)).toBe(true);
	});

	it('filters with a plain GET form', async () => {
		await page.goto(`${eco}/admin/asset-map/deserts`);
		await page.getByLabel('Subject').selectOption('robotics');
		await page.getByLabel('Free programs only').check();
		await page.getByRole('button', { name: 'Show', exact: true }).click();
		await page.waitForLoadState('load');
		expect(page.url()).toContain('subject=robotics');
		expect(page.url()).toContain('free=1');
		expect(await page.getByLabel('Subject').inputValue()).toBe('robotics');
		expect(await page.locator('table.desert-table tbody tr').count()).toBe(48);
		expect(await page.locator('svg.svg-map path').count()).toBe(48);
	});
});

// axe runs as a script in the page, so these checks use a context with JavaScript on.
describeBrowser('program deserts in English and Spanish: axe', () => {
	let staff: BrowserContext;
	beforeAll(async () => {
		staff = await newContext();
	});
	afterAll(async () => {
		await staff?.close();
		await closeBrowser();
	});

	it('has no axe violations on the desert map (drawn on the uploaded shapes) in English and Spanish', async () => {
		const page = await staff.newPage();
		await browserSignIn(page, demoAccounts.backbone_staff);
		await page.goto(`${eco}/admin/asset-map/deserts`);
		expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Program deserts');
		expect(await page.locator('svg.svg-map path').count()).toBe(48);
		await expectAccessible(page);
		// The site's language switch (a plain link) sets the language cookie and comes back.
		await page.goto(`/language/es?next=${encodeURIComponent(`${eco}/admin/asset-map/deserts`)}`);
		await page.waitForURL(`**${eco}/admin/asset-map/deserts`);
		expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Desiertos de programas');
		expect(await page.locator('main').innerText()).toContain('Leyenda');
		await expectAccessible(page);
		await page.goto(`${eco}/admin/asset-map/geography`);
		expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Límites de códigos postales y población joven');
		await expectAccessible(page);
	});
});
