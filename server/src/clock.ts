/** The only place that reads the clock: today's local calendar date as ISO. Everything else takes "today" as input. */
export function systemToday(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}
