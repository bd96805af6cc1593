import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { CrashPage, Loading, NotFound } from './ui';
import { LoginPage } from './features/auth/LoginPage';
import { RequireStaff } from './features/auth/RequireStaff';
import { StaffShell } from './features/staff/StaffShell';
import { StaffHome } from './features/staff/StaffHome';
import { StatusPage } from './features/status/StatusPage';
import { AdminPage } from './features/admin/AdminPage';
import { AssessmentBoardPage } from './features/review/AssessmentBoardPage';
import { AssessmentsPage } from './features/review/AssessmentsPage';
import { NewAssessmentPage } from './features/review/NewAssessmentPage';

// The candidate's workspace carries CodeMirror and uPlot: its own chunk, loaded only on /take/….
const TakeTestPage = lazy(() => import('./features/take-test/TakeTestPage'));
// The review page carries CodeMirror (with merge) and uPlot: its own chunk too.
const SubmissionReviewPage = lazy(() => import('./features/review/SubmissionReviewPage').then((m) => ({ default: m.SubmissionReviewPage })));

// Calibration carries uPlot: its pages load on /calibrate/… only.
const CalibratePage = lazy(() => import('./features/calibrate/CalibratePage'));
const RubricPage = lazy(() => import('./features/calibrate/RubricPage'));
const AgreementPage = lazy(() => import('./features/calibrate/AgreementPage'));
const WebhookPage = lazy(() => import('./features/calibrate/WebhookPage'));

const lazyPage = (node: ReactNode) => <Suspense fallback={<Loading />}>{node}</Suspense>;

/**
 * Every route of the app. Staff features add their pages as children of the
 * staff shell (one line each, and a link in STAFF_NAV).
 */
export const routes: RouteObject[] = [
  { path: '/login', element: <LoginPage /> },
  { path: '/status', element: <StatusPage /> },
  { path: '/take/:token', element: lazyPage(<TakeTestPage />) },
  {
    path: '/',
    element: <RequireStaff><StaffShell /></RequireStaff>,
    children: [
      { index: true, element: <StaffHome /> },
      { path: 'assessments', element: <AssessmentsPage /> },
      { path: 'assessments/new', element: <NewAssessmentPage /> },
      { path: 'assessments/:id', element: <AssessmentBoardPage /> },
      { path: 'submissions/:id', element: lazyPage(<SubmissionReviewPage />) },
      { path: 'admin', element: <AdminPage /> },
      { path: 'calibrate', element: lazyPage(<CalibratePage />) },
      { path: 'calibrate/rubrics/:slug', element: lazyPage(<RubricPage />) },
      { path: 'calibrate/assessments/:id', element: lazyPage(<AgreementPage />) },
      { path: 'calibrate/webhook', element: lazyPage(<WebhookPage />) },
    ],
  },
  { path: '*', element: <NotFound /> },
];

export function createRouter() {
  // A route that throws while rendering shows the one crash page, not react-router's developer screen.
  return createBrowserRouter(routes.map((r) => ({ ...r, errorElement: <CrashPage /> })));
}
