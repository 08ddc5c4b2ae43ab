import { lazy } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { useCurrentUser } from './auth/auth-context';
import { EmptyState } from './components/states';
import { useI18n } from './i18n/i18n-context';
import { AppShell } from './layout/app-shell';
import { RequireRole } from './layout/require-role';
import { OrganisationsPage } from './pages/admin/organisations-page';
import { PeoplePage } from './pages/admin/people-page';
import { ScimClientsPage } from './pages/admin/scim-clients-page';
import { CasePage } from './pages/case/case-page';
import { NewCasePage } from './pages/case/new-case-page';
import { InboxPage } from './pages/inbox/inbox-page';
import { MigrationPage } from './pages/model/migration-page';
import { ModelUploadPage } from './pages/model/model-upload-page';
import { ModelsPage } from './pages/model/models-page';
import { NotificationsPage } from './pages/notifications/notifications-page';
import { ChainOverviewPage } from './pages/regisseur/chain-overview-page';
import { EscalationPage } from './pages/regisseur/escalation-page';
import { EscalationQueuePage } from './pages/regisseur/escalation-queue-page';
import { TaskPage } from './pages/task/task-page';
import { homeFor } from './routes';

// The drawing (React Flow) and the charts (Recharts) load only when their page is opened.
const ModelViewPage = lazy(() =>
  import('./pages/model/model-view-page').then((module) => ({ default: module.ModelViewPage })),
);
const OperationsPage = lazy(() =>
  import('./pages/operations/operations-page').then((module) => ({
    default: module.OperationsPage,
  })),
);

function NotFound() {
  const { t } = useI18n();
  return <EmptyState>{t('error.pageNotFound')}</EmptyState>;
}

/** Every page behind the sign-in, each for the roles it is meant for. */
export function SignedInRoutes() {
  const user = useCurrentUser();
  return (
    <Routes>
      <Route element={<AppShell />}>
        <Route index element={<Navigate to={homeFor(user.role)} replace />} />
        <Route
          path="inbox"
          element={
            <RequireRole roles={['caseworker']}>
              <InboxPage />
            </RequireRole>
          }
        />
        <Route path="notifications" element={<NotificationsPage />} />
        <Route
          path="tasks/:taskId"
          element={
            <RequireRole roles={['caseworker']}>
              <TaskPage />
            </RequireRole>
          }
        />
        <Route
          path="escalations"
          element={
            <RequireRole roles={['regisseur']}>
              <EscalationQueuePage />
            </RequireRole>
          }
        />
        <Route
          path="escalations/:escalationId"
          element={
            <RequireRole roles={['regisseur']}>
              <EscalationPage />
            </RequireRole>
          }
        />
        <Route
          path="chain-overview"
          element={
            <RequireRole roles={['regisseur']}>
              <ChainOverviewPage />
            </RequireRole>
          }
        />
        <Route
          path="cases/new"
          element={
            <RequireRole roles={['caseworker', 'regisseur']}>
              <NewCasePage />
            </RequireRole>
          }
        />
        <Route
          path="cases/:caseId"
          element={
            <RequireRole roles={['caseworker', 'regisseur']}>
              <CasePage />
            </RequireRole>
          }
        />
        <Route
          path="dashboard"
          element={
            <RequireRole roles={['operations', 'regisseur']}>
              <OperationsPage />
            </RequireRole>
          }
        />
        <Route path="models" element={<ModelsPage />} />
        <Route
          path="models/upload"
          element={
            <RequireRole roles={['admin']}>
              <ModelUploadPage />
            </RequireRole>
          }
        />
        <Route
          path="models/migrate"
          element={
            <RequireRole roles={['admin']}>
              <MigrationPage />
            </RequireRole>
          }
        />
        <Route path="models/:chainId/:version" element={<ModelViewPage />} />
        <Route
          path="admin/people"
          element={
            <RequireRole roles={['admin']} anyAdmin>
              <PeoplePage />
            </RequireRole>
          }
        />
        <Route
          path="admin/organisations"
          element={
            <RequireRole roles={['admin']} anyAdmin>
              <OrganisationsPage />
            </RequireRole>
          }
        />
        <Route
          path="admin/scim-clients"
          element={
            <RequireRole roles={['admin']}>
              <ScimClientsPage />
            </RequireRole>
          }
        />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
