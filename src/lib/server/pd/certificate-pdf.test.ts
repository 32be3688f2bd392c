import { describe, expect, it } from 'vitest';
import { readPdf } from '../testing/pdf.js';
import { certificatePdf, type CertificateText } from './certificate-pdf.js';

const english: CertificateText['labels'] = {
	heading: 'Certificate of completion',
	certifies: 'This certifies that',
	completed: 'completed the professional development offering',
	hours: 'Hours',
	dates: 'Dates',
	issuer: 'Issued by',
	code: 'Verification code',
	verifyAt: 'Check this certificate at'
};

const sample: CertificateText = {
	labels: english,
	educatorName: 'Angela Lee',
	offeringTitle: 'Sensors in the biology lab',
	hours: '6',
	creditTypeName: 'PA Act 48 hours',
	dates: 'Mar 4, 2027 – Mar 11, 2027',
	issuerName: 'Philadelphia STEM Equity Collective',
	ecosystemName: 'Philadelphia STEM Equity Collective',
	code: 'PD-7KQ2-M9XH-R4TD-WZ3N-8CFA',
	verifyUrl: 'https://parity.example/verify/PD-7KQ2-M9XH-R4TD-WZ3N-8CFA'
};

describe('certificatePdf', () => {
	it('writes a one-page PDF naming the educator, offering, hours, dates, issuer and code', async () => {
		const bytes = await certificatePdf(sample);
		expect(Buffer.from(bytes.slice(0, 5)).toString()).toBe('%PDF-');
		const { lines, pages, title } = await readPdf(bytes);
		expect(pages).toBe(1);
		expect(title).toBe('Certificate of completion: Sensors in the biology lab');
		for (const expected of [
			'Angela Lee',
			'Sensors in the biology lab',
			'Hours: 6 (PA Act 48 hours)',
			'Dates: Mar 4, 2027 – Mar 11, 2027',
			'Issued by: Philadelphia STEM Equity Collective',
			'Verification code: PD-7KQ2-M9XH-R4TD-WZ3N-8CFA',
			'Check this certificate at https://parity.example/verify/PD-7KQ2-M9XH-R4TD-WZ3N-8CFA'
		]) {
			expect(lines, expected).toContain(expected);
		}
	});

	it('keeps Spanish accents and replaces characters the PDF fonts cannot show', async () => {
		const { lines } = await readPdf(await certificatePdf({ ...sample, educatorName: 'José Núñez Đặng 李', labels: { ...english, heading: 'Certificado de finalización' } }));
		expect(lines).toContain('José Núñez ?ang ?');
		expect(lines).toContain('Certificado de finalización');
	});
});
