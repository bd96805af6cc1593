/** Where the interviewer's screens live (one place, so links never drift from the routes). */
export const assessmentsPath = () => '/assessments';
export const newAssessmentPath = () => '/assessments/new';
export const boardPath = (assessmentId: string) => `/assessments/${assessmentId}`;
export const reviewPath = (submissionId: string) => `/submissions/${submissionId}`;
export const adminPath = () => '/admin';
