/** How the legacy API renders users and projects (`User`, `GroupNode`); fields beyond identity are constants. */
import type { Dataset, SandboxProject, SandboxUser } from '../data/types.ts';
import { toGlobalId } from '../python-compat.ts';

export function userView(user: SandboxUser, dataset: Dataset) {
  return {
    id: toGlobalId('User', user.uuid),
    uuid: user.uuid,
    username: user.email.split('@')[0],
    email: user.email,
    need_password_change: false,
    full_name: null,
    description: '',
    is_active: true,
    status: 'active',
    status_info: null,
    created_at: '2024-01-08T09:00:00+00:00',
    modified_at: '2024-01-08T09:00:00+00:00',
    domain_name: user.domain,
    role: user.role,
    resource_policy: 'default',
    allowed_client_ip: null,
    totp_activated: false,
    totp_activated_at: null,
    sudo_session_enabled: false,
    main_access_key: user.accessKey,
    container_uid: null,
    container_main_gid: null,
    container_gids: null,
    groups: dataset.projects
      .filter((project) => user.projectIds.includes(project.id))
      .map((project) => ({ id: project.id, name: project.name })),
  };
}

export function groupView(project: SandboxProject) {
  return {
    __typename: 'GroupNode',
    id: toGlobalId('GroupNode', project.id),
    row_id: project.id,
    name: project.name,
    description: '',
    is_active: true,
    created_at: '2024-01-08T09:00:00+00:00',
    modified_at: '2024-01-08T09:00:00+00:00',
    domain_name: project.domain,
    total_resource_slots: {},
    allowed_vfolder_hosts: {},
    integration_id: null,
    resource_policy: 'default',
    type: 'GENERAL',
    container_registry: {},
    scaling_groups: ['default'],
    registry_quota: null,
  };
}
