/** Browser-test harness: one shared platform per Jest run, clean-page checks, axe, screenshots, API set-up. */
export { sharedPlatform, platformLog, type SharedPlatform } from './platform';
export { openTestPage, type TestPage, type TestPageOptions } from './page';
export { TestApi, loginAdmin, createInterviewer, createAssessment, createInvitation, candidateApi } from './api';
export { launchBrowser } from '../browser';
