import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const standardFontDataUrl = join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts') + '/';

/** Reads a PDF with an independent parser (Mozilla's PDF.js): its text lines, page count and title. */
export async function readPdf(bytes: Uint8Array): Promise<{ lines: string[]; pages: number; title: string }> {
	const task = getDocument({ data: new Uint8Array(bytes), standardFontDataUrl });
	try {
		const doc = await task.promise;
		const page = await doc.getPage(1);
		const content = await page.getTextContent();
		const lines = content.items.map((item) => ('str' in item ? item.str : '')).filter((line) => line !== '');
		const meta = await doc.getMetadata();
		return { lines, pages: doc.numPages, title: (meta.info as { Title?: string }).Title ?? '' };
	} finally {
		await task.destroy();
	}
}
