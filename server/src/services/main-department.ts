import { nowIso } from '../storage/ids.js';
import type { Tx } from '../storage/store.js';
import { parseProfile } from './user-profile.js';

/**
 * Brings each user's `mainDepartmentId` / `mainDepartmentCode` in line with its node memberships:
 * the node marked as main department, or none. Called inside the write that changed the marks or
 * the memberships (setMainDepartment, removeMember, moveMembers, deleting nodes), so a read after
 * it never shows a department the user has left.
 */
export async function syncMainDepartment(tx: Tx, userIds: Iterable<string>): Promise<void> {
  for (const userId of new Set(userIds)) {
    const user = await tx.selectFrom('users').select(['profile']).where('id', '=', userId).executeTakeFirst();
    if (!user) continue;
    const main = await tx
      .selectFrom('node_members')
      .innerJoin('nodes', 'nodes.id', 'node_members.node_id')
      .select(['nodes.id', 'nodes.code'])
      .where('node_members.user_id', '=', userId)
      .where('node_members.is_main_department', '=', 1)
      .executeTakeFirst();
    const profile = parseProfile(user.profile);
    const id = main?.id ?? null;
    const code = main?.code ?? null;
    if ((profile.mainDepartmentId ?? null) === id && (profile.mainDepartmentCode ?? null) === code) continue;
    const next = { ...profile, mainDepartmentId: id, mainDepartmentCode: code };
    await tx.updateTable('users').set({ profile: JSON.stringify(next), updated_at: nowIso() }).where('id', '=', userId).execute();
  }
}
