import { RequireStaff } from '../auth/RequireStaff';
import { StaffShell } from './StaffShell';

/** The staff area's layout behind its session check: one lazy chunk, never loaded on a candidate's page. */
export default function StaffGate() {
  return <RequireStaff><StaffShell /></RequireStaff>;
}
