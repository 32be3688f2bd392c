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

/** Every text run of every page of a PDF, in order, read by PDF.js (for multi-page documents). */
export async function readPdfText(bytes: Uint8Array): Promise<{ lines: string[]; pages: number; title: string; language: string }> {
	const task = getDocument({ data: new Uint8Array(bytes), standardFontDataUrl });
	try {
		const doc = await task.promise;
		const lines: string[] = [];
		for (let n = 1; n <= doc.numPages; n++) {
			const content = await (await doc.getPage(n)).getTextContent();
			for (const item of content.items) if ('str' in item && item.str !== '') lines.push(item.str);
		}
		const meta = await doc.getMetadata();
		const info = meta.info as { Title?: string; Language?: string };
		return { lines, pages: doc.numPages, title: info.Title ?? '', language: info.Language ?? '' };
	} finally {
		await task.destroy();
	}
}
