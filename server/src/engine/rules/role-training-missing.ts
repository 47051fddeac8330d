import { g, type Rule } from './rule';
import { roleDateFindings } from './helpers';

export const roleTrainingMissing: Rule = {
  id: 'role-training-missing',
  control: 'CEK-02',
  guidelines: [g.audit('CEK-02', 6), g.audit('CEK-01', 6)],
  severity: 'warning',
  description: 'A role that records training per role (a roles list, or a table with a Trained column) shows no training date, or its training is older than `roles.training_months` (default 12).',
  fixable: 'suggestion',
  formats: ['yaml', 'markdown'],
  check(context) {
    const months = context.config.roles.trainingMonths;
    return roleDateFindings(context, {
      field: 'trained',
      months,
      missingMessage: (role) => `Role \`${role}\` shows no training date: record when its assignee was last trained on cryptographic practice (\`trained: YYYY-MM-DD\`).`,
      staleMessage: (role, date) => `Role \`${role}\` was last trained on ${date}, more than ${months} months ago: renew the training and update the date.`,
    });
  },
};
