import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { useRoutes, type RouteObject } from 'react-router';
import { Loading, NotFound } from './ui';
import { LoginPage } from './features/auth/LoginPage';
import { StatusPage } from './features/status/StatusPage';

// Only /login, /status and the not-found page are in the entry chunk. Every other page is its own lazy
// chunk, so a candidate on /take/… never downloads the staff pages, their API modules and schemas
// (and staff never download CodeMirror unless they open a page that has it).

// The candidate's workspace carries CodeMirror and uPlot: loaded only on /take/….
const TakeTestPage = lazy(() => import('./features/take-test/TakeTestPage'));

// Staff: the shell (with its session check) and each page.
const named = <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) =>
  lazy(() => load().then((m) => ({ default: m[name] })));
const StaffGate = lazy(() => import('./features/staff/StaffGate'));
const StaffHome = named(() => import('./features/staff/StaffHome'), 'StaffHome');
const AdminPage = named(() => import('./features/admin/AdminPage'), 'AdminPage');
const AssessmentsPage = named(() => import('./features/review/AssessmentsPage'), 'AssessmentsPage');
const NewAssessmentPage = named(() => import('./features/review/NewAssessmentPage'), 'NewAssessmentPage');
const AssessmentBoardPage = named(() => import('./features/review/AssessmentBoardPage'), 'AssessmentBoardPage');
// The review page carries CodeMirror (with merge) and uPlot.
const SubmissionReviewPage = named(() => import('./features/review/SubmissionReviewPage'), 'SubmissionReviewPage');
// Calibration carries uPlot.
const CalibratePage = lazy(() => import('./features/calibrate/CalibratePage'));
const RubricPage = lazy(() => import('./features/calibrate/RubricPage'));
const AgreementPage = lazy(() => import('./features/calibrate/AgreementPage'));
const WebhookPage = lazy(() => import('./features/calibrate/WebhookPage'));

const lazyPage = (node: ReactNode) => <Suspense fallback={<Loading />}>{node}</Suspense>;

/**
 * Every route of the app. Staff features add their pages as children of the
 * staff shell (one lazy line each, and a link in STAFF_NAV).
 */
export const routes: RouteObject[] = [
  { path: '/login', element: <LoginPage /> },
  { path: '/status', element: <StatusPage /> },
  { path: '/take/:token', element: lazyPage(<TakeTestPage />) },
  {
    path: '/',
    element: lazyPage(<StaffGate />),
    children: [
      { index: true, element: lazyPage(<StaffHome />) },
      { path: 'assessments', element: lazyPage(<AssessmentsPage />) },
      { path: 'assessments/new', element: lazyPage(<NewAssessmentPage />) },
      { path: 'assessments/:id', element: lazyPage(<AssessmentBoardPage />) },
      { path: 'submissions/:id', element: lazyPage(<SubmissionReviewPage />) },
      { path: 'admin', element: lazyPage(<AdminPage />) },
      { path: 'calibrate', element: lazyPage(<CalibratePage />) },
      { path: 'calibrate/rubrics/:slug', element: lazyPage(<RubricPage />) },
      { path: 'calibrate/assessments/:id', element: lazyPage(<AgreementPage />) },
      { path: 'calibrate/webhook', element: lazyPage(<WebhookPage />) },
    ],
  },
  { path: '*', element: <NotFound /> },
];

/**
 * The routes, rendered by the declarative router (`<BrowserRouter>` in App): nothing here uses loaders,
 * actions or other data-router features, and react-router's data router would add ~12 KB (gzipped) to
 * every page. A route that throws while rendering reaches App's ErrorBoundary: the one crash page.
 */
export function AppRoutes() {
  return useRoutes(routes);
}
