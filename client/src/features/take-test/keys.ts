/** Query key of the candidate's assessment. */
export const assessmentKey = (token: string) => ['candidate', token, 'assessment'] as const;
