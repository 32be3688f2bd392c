import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { readPdfText } from '../../../src/lib/server/testing/pdf.js';
import { browserSignIn, chromiumPath, closeBrowser, demoAccounts, expectAccessible, newContext, submit } from '../helpers.js';

const describeBrowser = chromiumPath() ? describe : describe.skip;
const eco = '/e/philadelphia';
/** PDF.js and the browser may differ in the kind of space they use; the figures must not. */
const norm = (s: string) => s.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
const ag = `${eco}/admin/agenda`;

/** The status badge in the row of an indicator on an agenda table. */
const statusOf = (page: Page, indicator: string) => page.getByRole('row', { name: new RegExp(indicator) }).locator('.status').innerText();

describeBrowser('the common agenda with JavaScript off (Marcus, executive director)', () => {
	let context: BrowserContext;
	let page: Page;
	beforeAll(async () => {
		context = await newContext({ javaScriptEnabled: false });
		// A missing element fails within seconds, with its locator, rather than at the test timeout.
		context.setDefaultTimeout(10_000);
		page = await context.newPage();
		await browserSignIn(page, demoAccounts.backbone_admin);
	});
	afterAll(async () => {
		await context?.close();
		await closeBrowser();
	});

	it('shows the published agenda with on-track status, strategies without partners, and turn-the-curve charts with data tables', async () => {
		const response = await page.goto(`${eco}/agenda`);
		expect(response?.status()).toBe(200);
		await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Common agenda');
		await expect(page.getByRole('heading', { name: /Black, Latinx and women Philadelphians/ }).count()).resolves.toBe(1);
		expect(await statusOf(page, 'Black Philadelphians in the STEM workforce')).toMatch(/On track|Off track|Target met/);
		await expect(page.getByText('No partner is working on this strategy yet').count()).resolves.toBeGreaterThan(0);
		await page.getByRole('link', { name: 'Access Index: Black Philadelphians in the STEM workforce' }).click();
		await page.waitForLoadState('load');
		await expect(page.locator('figure svg[role="img"]').count()).resolves.toBe(1);
		const table = page.getByRole('table', { name: /values, targets and forecast by year/ });
		await expect(table.getByRole('row', { name: /^2030/ }).innerText()).resolves.toMatch(/1\.00/);
		await expect(page.getByRole('heading', { name: 'The story behind the curve' }).count()).resolves.toBe(1);
	});

	it('defines a result and an indicator with targets, sees it off track, then on track when a new year is entered', async () => {
		await page.goto(`${ag}/results/new`);
		await page.locator('#field-title').fill('Young Philadelphians finish a STEM apprenticeship (test)');
		await page.locator('#field-statement').fill('Young Philadelphians of every background finish a paid STEM apprenticeship.');
		await page.getByLabel('Show this result on the public agenda page').check();
		await submit(page, page.getByRole('button', { name: 'Add the result' }));
		expect(page.url()).toContain(`${ag}?added=result`);

		await page.goto(`${ag}/indicators/new`);
		await page.locator('#field-result_id').selectOption({ label: 'Young Philadelphians finish a STEM apprenticeship (test)' });
		await page.locator('#field-name').fill('Apprenticeships finished (test)');
		await page.locator('#field-source').selectOption('manual');
		await page.locator('#field-unit').selectOption('number');
		await page.locator('#field-targets').fill('2024: 60\n2030: 120');
		await page.locator('#field-values').fill('2022: 30\n2023: 38\n2024: 41');
		await submit(page, page.getByRole('button', { name: 'Add the indicator' }));
		expect(page.url()).toMatch(/\/admin\/agenda\/indicators\/apprenticeships-finished-test\?added=1/);

		await page.goto(`${eco}/agenda`);
		expect(await statusOf(page, 'Apprenticeships finished \\(test\\)')).toBe('Off track');

		await page.goto(`${ag}/indicators/apprenticeships-finished-test`);
		await page.locator('#field-values').fill('2022: 30\n2023: 38\n2024: 41\n2025: 75');
		await submit(page, page.getByRole('button', { name: 'Save' }));
		await expect(page.getByRole('status').innerText()).resolves.toBe('Saved.');
		await expect(page.getByText('Version 2').count()).resolves.toBeGreaterThan(0);

		await page.goto(`${eco}/agenda`);
		expect(await statusOf(page, 'Apprenticeships finished \\(test\\)')).toBe('On track');
	});

	it('shows every problem of a bad indicator at once, and keeps what was typed', async () => {
		await page.goto(`${ag}/indicators/new`);
		await page.locator('#field-name').fill('X');
		await page.locator('#field-target_year').fill('1990');
		await page.locator('#field-targets').fill('soon: 1');
		await submit(page, page.getByRole('button', { name: 'Add the indicator' }));
		const errors = await page.locator('.field .error').allInnerTexts();
		expect(errors.join('\n')).toMatch(/at least 3 characters/);
		expect(errors.join('\n')).toMatch(/2000 or later/);
		expect(errors.join('\n')).toMatch(/line 1/);
		await expect(page.locator('#field-targets').inputValue()).resolves.toBe('soon: 1');
	});

	it('creates an overdue action, sees it on the workspace, reminds its owner through the outbox and closes it', async () => {
		await page.goto(`${ag}/actions/new`);
		await page.locator('#field-result_id').selectOption({ index: 0 });
		await page.locator('#field-title').fill('Call every employer on the hiring list (test)');
		await page.locator('#field-owner_user_id').selectOption({ label: `Luis Figueroa (${demoAccounts.backbone_staff})` });
		await page.locator('#field-due_on').fill('2021-06-30');
		await submit(page, page.getByRole('button', { name: 'Add the action' }));

		await page.goto(`${eco}/workspace`);
		await expect(page.getByRole('region', { name: /Overdue actions/ }).getByText('Call every employer on the hiring list (test)').count()).resolves.toBe(1);

		await page.goto(ag);
		await submit(page, page.getByRole('button', { name: 'Send reminders' }));
		await expect(page.getByRole('status').innerText()).resolves.toMatch(/Reminders queued: [1-9]/);
		await page.goto(`${eco}/admin/outbox`);
		await expect(page.getByText(/Overdue action: Call every employer on the hiring list \(test\)/).count()).resolves.toBe(1);

		await page.goto(ag);
		const row = page.getByRole('row', { name: /Call every employer on the hiring list \(test\)/ });
		await row.getByRole('combobox').selectOption('done');
		await submit(page, row.getByRole('button', { name: 'Update' }));
		await page.goto(`${eco}/workspace`);
		await expect(page.getByText('Call every employer on the hiring list (test)').count()).resolves.toBe(0);
	});

	it('lets a partner admin attach an activity and a performance measure to a strategy', async () => {
		const partner = await newContext({ javaScriptEnabled: false });
		partner.setDefaultTimeout(10_000);
		const p = await partner.newPage();
		await browserSignIn(p, demoAccounts.partner_admin);
		await p.goto(`${eco}/partners/brick-and-bolt-youth-makerspace/agenda`);
		await p.locator('#field-strategy_id').selectOption({ label: 'Fair hiring commitments from STEM employers (Black, Latinx and women Philadelphians in STEM careers (demo))' });
		await p.locator('#field-name').fill('Employer open days (test)');
		await submit(p, p.getByRole('button', { name: 'Attach the activity' }));
		await expect(p.getByRole('status').innerText()).resolves.toBe('The activity was added.');
		await p.locator('#field-measure_activity_id').selectOption({ label: 'Employer open days (test)' });
		await p.locator('#field-measure_name').fill('Employers who hosted (test)');
		await p.locator('#field-measure_kind').selectOption('how_much');
		await p.locator('#field-measure_values').fill('2024: 4\n2025: 9');
		await submit(p, p.getByRole('button', { name: 'Add the measure' }));
		await expect(p.getByRole('status').innerText()).resolves.toBe('The performance measure was added.');
		await partner.close();

		await page.goto(`${eco}/agenda`);
		await expect(page.getByRole('listitem').filter({ hasText: 'Employer open days (test)' }).count()).resolves.toBeGreaterThan(0);
	});

	it('every agenda page passes axe, in English and Spanish', async () => {
		// axe runs scripts in the page, so this walk uses a context with JavaScript on; the pages
		// are the same server-rendered HTML (no client-side rendering).
		const axeContext = await newContext();
		const axePage = await axeContext.newPage();
		await browserSignIn(axePage, demoAccounts.backbone_admin);
		await axePage.goto(ag);
		const result = await axePage.locator('a[href*="/admin/agenda/results/"]:not([href$="/new"])').first().getAttribute('href');
		const paths = [
			`${eco}/agenda`,
			`${eco}/agenda/philadelphia-black-stem-workforce`,
			`${eco}/workspace`,
			`${eco}/admin`,
			ag,
			`${ag}/results/new`,
			result!,
			`${ag}/indicators/new`,
			`${ag}/indicators/philadelphia-black-stem-workforce`,
			`${ag}/strategies/new`,
			`${ag}/actions/new`,
			`${eco}/partners/brick-and-bolt-youth-makerspace/agenda`,
			`${eco}/health-check`,
			`${eco}/admin/health-check`
		];
		for (const locale of ['en', 'es']) {
			await axePage.goto(`/language/${locale}?next=/`);
			for (const path of paths) {
				const response = await axePage.goto(path);
				expect(response?.status(), path).toBe(200);
				expect(await axePage.locator('h1').count(), `one h1 on ${path}`).toBe(1);
				await expectAccessible(axePage);
			}
		}
		await axePage.goto(`${eco}/agenda`);
		await expect(axePage.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Agenda común');
		await axeContext.close();

		const partnerContext = await newContext();
		const partnerPage = await partnerContext.newPage();
		await browserSignIn(partnerPage, demoAccounts.partner_admin);
		for (const path of [`${eco}/partners/brick-and-bolt-youth-makerspace/health-check`, `${eco}/partners/brick-and-bolt-youth-makerspace/agenda`, `${eco}/workspace`]) {
			expect((await partnerPage.goto(path))?.status(), path).toBe(200);
			await expectAccessible(partnerPage);
		}
		await partnerContext.close();
	}, 240_000);
});

describeBrowser('the collective-health self-check with JavaScript off', () => {
	afterAll(async () => {
		await closeBrowser();
	});

	it('shows the network the aggregate once three partners answered, and each answer to the backbone only', async () => {
		const staff = await newContext({ javaScriptEnabled: false });
		staff.setDefaultTimeout(10_000);
		const page = await staff.newPage();
		await browserSignIn(page, demoAccounts.backbone_staff);
		await page.goto(`${eco}/health-check`);
		const openRound = `Self-check ${new Date().getUTCFullYear()} (demo)`;
		const row = (name: string) => page.getByRole('table', { name: /round by round/ }).getByRole('row', { name: new RegExp(`^${name}`) });
		await expect(row('Common agenda').innerText()).resolves.toMatch(/Too few answers to show/);

		for (const [email, partner, rungs] of [
			[demoAccounts.partner_admin, 'brick-and-bolt-youth-makerspace', [2, 3, 4, 3, 5]],
			['priya.partner@philadelphia.demo.parity.example', 'helix-row-biotherapeutics', [3, 3, 2, 4, 5]]
		] as const) {
			const context = await newContext({ javaScriptEnabled: false });
			context.setDefaultTimeout(10_000);
			const p = await context.newPage();
			await browserSignIn(p, email);
			await p.goto(`${eco}/partners/${partner}/health-check`);
			await expect(p.getByRole('heading', { name: openRound }).count()).resolves.toBe(1);
			const groups = ['Common agenda', 'Shared measurement', 'Mutually reinforcing activities', 'Continuous communication', 'Backbone support'];
			for (const [i, group] of groups.entries()) await p.getByRole('group', { name: group }).getByRole('radio').nth(rungs[i]! - 1).check();
			if (partner === 'helix-row-biotherapeutics') await p.getByLabel(/Comment/).fill('We would like more say in the hiring strategy.');
			await submit(p, p.getByRole('button', { name: 'Send our answers' }));
			await expect(p.getByRole('status').innerText()).resolves.toBe('Thank you: your answers were saved.');
			await context.close();
		}

		await page.goto(`${eco}/health-check`);
		// Faro Verde (seeded) 4, Brick and Bolt 2, Helix 3: an average of 3.0 on the common agenda.
		await expect(row('Common agenda').innerText()).resolves.toMatch(/3\.0/);
		// The same averages drawn on the server: one figure with one image, above the table.
		const chart = page.getByRole('figure', { name: /average rung, round by round/ });
		await expect(chart.locator('svg[role="img"]').count()).resolves.toBe(1);
		await expect(page.getByRole('table', { name: openRound }).count()).resolves.toBe(1);
		await expect(page.getByText('We would like more say in the hiring strategy.').count()).resolves.toBe(0);

		await page.goto(`${eco}/admin/health-check`);
		await expect(page.getByRole('row', { name: /Helix Row/ }).innerText()).resolves.toMatch(/We would like more say in the hiring strategy\./);
		await staff.close();
	});
});

describeBrowser('the annual report', () => {
	afterAll(async () => {
		await closeBrowser();
	});

	/** Every row of the table with this caption, as text cells. */
	const tableRows = (page: Page, caption: RegExp | string) =>
		page
			.getByRole('table', { name: caption })
			.locator('tbody tr')
			.evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => (c as HTMLElement).innerText.trim())));

	it('prints the dashboard’s own numbers and the agenda, in English and Spanish, and passes axe', async () => {
		const context = await newContext({ javaScriptEnabled: false });
		context.setDefaultTimeout(10_000);
		const page = await context.newPage();
		for (const [locale, title] of [
			['en', /Annual progress report \d{4}/],
			['es', /Informe anual de progreso \d{4}/]
		] as const) {
			await page.goto(`/language/${locale}?next=/`);
			await page.goto(`${eco}/dashboard`);
			const indexCaption = await page.locator('#chart-index table caption').innerText();
			const dashboardRows = await tableRows(page, indexCaption);
			const cards = await page.locator('.headline-card').evaluateAll((cards) =>
				cards.map((c) => [c.querySelector('h3')!.textContent!.trim(), c.querySelector('.headline-index')!.textContent!.trim()])
			);
			expect(dashboardRows.length, locale).toBeGreaterThan(0);

			const response = await page.goto(`${eco}/report`);
			expect(response?.status()).toBe(200);
			await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toMatch(title);
			expect(await tableRows(page, indexCaption)).toEqual(dashboardRows);
			const reportCards = (await tableRows(page, /^(Latest Access Index by group|Último Índice de Acceso por grupo)/)).map((r) => [r[0], r[2]]);
			expect(reportCards).toEqual(cards);
			await expect(page.locator('figure svg[role="img"]').count()).resolves.toBeGreaterThan(1);
			// Programs, events and participation: label and figure per row, the same in the PDF below.
			const figures = [
				...(await tableRows(page, /^(Programs families can find|Programas que las familias pueden encontrar)/)),
				...(await tableRows(page, /^(Events held in|Eventos celebrados en)/))
			];
			expect(figures.map((r) => r.length)).toEqual([2, 2, 2, 2, 2]);
			for (const [, value] of figures) expect(value, locale).toMatch(/^(\d[\d,.\s]*|Suppressed|Suprimido)$/);

			// The PDF offered on the page, read back from its text layer: the dashboard's figures.
			const href = await page.getByRole('link', { name: locale === 'en' ? 'PDF in English' : 'PDF en español' }).getAttribute('href');
			const pdf = await page.request.get(href!);
			expect(pdf.headers()['content-type']).toBe('application/pdf');
			const text = await readPdfText(new Uint8Array(await pdf.body()));
			const lines = text.lines.map(norm);
			expect(text.language).toBe(locale === 'en' ? 'en-US' : 'es-US');
			for (const cell of dashboardRows.flat().filter((c) => c !== '')) expect(lines, `${locale} PDF`).toContain(norm(cell));
			for (const [group, index] of cards) {
				expect(lines).toContain(norm(group!));
				expect(lines).toContain(norm(index!));
			}
			for (const [label, value] of figures) {
				const at = lines.indexOf(norm(label!));
				expect(at, `${locale} PDF: ${label}`).toBeGreaterThan(-1);
				expect(lines.slice(at + 1).find((l) => l !== ''), `${locale} PDF: ${label}`).toBe(norm(value!));
			}
		}
		await context.close();

		const axeContext = await newContext();
		const axePage = await axeContext.newPage();
		for (const locale of ['en', 'es']) {
			await axePage.goto(`/language/${locale}?next=/`);
			await axePage.goto(`${eco}/report`);
			await expectAccessible(axePage);
		}
		await axeContext.close();
	});
});
