import * as m from '#lib/paraglide/messages.js';

const statuses: Record<string, () => string> = {
	not_submitted: m.submissions_status_not_submitted,
	submitted: m.submissions_status_submitted,
	accepted: m.submissions_status_accepted,
	returned: m.submissions_status_returned,
	superseded: m.submissions_status_superseded
};
const methods: Record<string, () => string> = {
	grid: m.submissions_method_grid,
	csv: m.submissions_method_csv,
	api: m.submissions_method_api,
	participants: m.submissions_method_participants
};

export const statusLabel = (status: string): string => (statuses[status] ?? (() => status))();
export const methodLabel = (method: string): string => (methods[method] ?? (() => method))();
