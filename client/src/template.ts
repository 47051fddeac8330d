/** Today's dates into a policy template: review and training start today, the next review is due in 12 months. */
export function fillTemplate(template: string, now: Date): string {
  const iso = (date: Date) => `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
  const next = new Date(now.getFullYear() + 1, now.getMonth(), Math.min(now.getDate(), 28));
  return template.replace(/\$\{TODAY\}/g, iso(now)).replace(/\$\{NEXT_REVIEW\}/g, iso(next));
}
