/** Where the interviewer's screens live (one place, so links never drift from the routes). */
export const assessmentsPath = () => '/staff/assessments';
export const newAssessmentPath = () => '/staff/assessments/new';
export const boardPath = (assessmentId: string) => `/staff/assessments/${assessmentId}`;
export const reviewPath = (submissionId: string) => `/staff/submissions/${submissionId}`;
export const adminPath = () => '/staff/admin';
