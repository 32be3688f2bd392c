import { describe, expect, it } from 'vitest';
import { currentSection, withSection } from './doc-sections.js';

const doc = '# Benchmarks\n\nintro\n\n## 4. Asset map\n\nold four\n\n## 5. Load\n\nfive\n\n## Reading the results\n\n- end\n';

describe('benchmark doc sections', () => {
	it('replaces one section and leaves its neighbours alone', () => {
		const next = withSection(doc, '## 4. Asset map', '## 4. Asset map\n\nnew four\n');
		expect(next).toBe('# Benchmarks\n\nintro\n\n## 4. Asset map\n\nnew four\n\n## 5. Load\n\nfive\n\n## Reading the results\n\n- end\n');
	});
	it('reads a section up to the next heading', () => {
		expect(currentSection('## 5. Load', doc)).toBe('## 5. Load\n\nfive\n\n');
		expect(currentSection('## 6. Missing', doc)).toBeUndefined();
	});
	it('adds a missing section before the reading notes', () => {
		const without = doc.replace('## 5. Load\n\nfive\n\n', '');
		expect(withSection(without, '## 5. Load', '## 5. Load\n\nfive')).toBe(doc);
	});
});
