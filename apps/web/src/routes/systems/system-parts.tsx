import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { CONTACT_KINDS, type ProtectionLevel, type Role, type System, type SystemStatus } from '@custodian/shared';
import { useFormatDate } from '../../lib/use-format-date.js';

const STATUS_COLORS: Record<SystemStatus, string> = {
  planned: 'default',
  pre_launch: 'blue',
  online: 'green',
  decommissioned: 'default',
};

const PROTECTION_COLORS: Record<ProtectionLevel, string> = { normal: 'default', medium: 'gold', high: 'red' };

/** Life-cycle status of a system. */
export function SystemStatusTag({ status }: { status: SystemStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} variant={status === 'decommissioned' ? 'outlined' : undefined}>
      {t(`systems.status.${status}`)}
    </Tag>
  );
}

/** Protection level 普/中/高. */
export function ProtectionTag({ level }: { level: ProtectionLevel }) {
  const { t } = useTranslation();
  return <Tag color={PROTECTION_COLORS[level]}>{t(`systems.protection.${level}`)}</Tag>;
}

type ContactsState = Pick<
  System,
  'status' | 'isContactsOverdue' | 'contactsConfirmedAt' | 'contactsDueOn' | 'contactCount'
>;

/**
 * Where a system's contacts stand (item 十): overdue (never confirmed, or past the due
 * day), due on a day, and whether all three contacts are filled in.
 */
export function ContactsStateTags({ system }: { system: ContactsState }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  if (system.status === 'decommissioned') {
    return <span aria-label={t('systems.contactsState.notApplicable')}>—</span>;
  }
  const incomplete = system.contactCount < CONTACT_KINDS.length;
  return (
    <>
      {system.isContactsOverdue ? (
        <Tag color="red" data-testid="contacts-overdue">
          {system.contactsConfirmedAt
            ? t('systems.contactsState.overdueSince', { date: formatDate(system.contactsDueOn, false) })
            : t('systems.contactsState.neverConfirmed')}
        </Tag>
      ) : (
        <Tag color="green" data-testid="contacts-current">
          {t('systems.contactsState.dueOn', { date: formatDate(system.contactsDueOn, false) })}
        </Tag>
      )}
      {incomplete && (
        <Tag color="orange">
          {t('systems.contactsState.incomplete', { count: system.contactCount, total: CONTACT_KINDS.length })}
        </Tag>
      )}
    </>
  );
}

/** Whether the role reads systems of more than one unit, so a unit filter helps. */
export function seesManyUnits(role: Role): boolean {
  return role !== 'unit_admin' && role !== 'unit_member';
}
