import { autoSubmissionReason } from './activity';

it('tells a submission the server made from the last draft apart from one the candidate clicked', () => {
  expect(autoSubmissionReason({ kind: 'submit', details: { submissionId: 'x', sizeBytes: 10 } })).toBeNull();
  expect(autoSubmissionReason({ kind: 'submit', details: { auto: true, trigger: 'deadline' } })).toBe('at the deadline');
  expect(autoSubmissionReason({ kind: 'submit', details: { auto: true, trigger: 'sweeper' } })).toBe('at the deadline');
  expect(autoSubmissionReason({ kind: 'submit', details: { auto: true, trigger: 'finish' } })).toBe('when the test was finished');
  expect(autoSubmissionReason({ kind: 'run', details: { auto: true } })).toBeNull();
});
