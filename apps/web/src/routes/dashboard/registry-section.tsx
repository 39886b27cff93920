import { Fragment, type ReactNode } from 'react';
import { Row, Typography } from 'antd';
import {
  CalendarOutlined,
  CloudServerOutlined,
  ContactsOutlined,
  DashboardOutlined,
  ExceptionOutlined,
  FieldTimeOutlined,
  FileProtectOutlined,
  FileTextOutlined,
  GlobalOutlined,
  HourglassOutlined,
  SafetyCertificateOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { DashboardCard } from '@custodian/shared';
import { StatCard } from './stat-card.js';

/** Five to a row on wide screens. */
const FIFTH = { xs: 24, sm: 12, lg: 8, xl: { flex: '20%' } } as const;

/** The icons a module's card may name; an unknown name gets the default icon. */
const ICONS: Record<string, ReactNode> = {
  calendar: <CalendarOutlined />,
  'cloud-server': <CloudServerOutlined />,
  contacts: <ContactsOutlined />,
  exception: <ExceptionOutlined />,
  'field-time': <FieldTimeOutlined />,
  'file-protect': <FileProtectOutlined />,
  'file-text': <FileTextOutlined />,
  global: <GlobalOutlined />,
  hourglass: <HourglassOutlined />,
  'safety-certificate': <SafetyCertificateOutlined />,
};

/** Consecutive cards of one section, in the order the server sent them (module order). */
function sections(cards: readonly DashboardCard[]): { group: string; cards: DashboardCard[] }[] {
  const out: { group: string; cards: DashboardCard[] }[] = [];
  for (const card of cards) {
    const last = out.at(-1);
    if (last?.group === card.group) {
      last.cards.push(card);
    } else {
      out.push({ group: card.group, cards: [card] });
    }
  }
  return out;
}

/**
 * The modules' cards (issue 3, ADR 0018), each a link to the list it counts, opened with the
 * same filter the server counted with (the lists read their filters from the address). The
 * titles are locale keys the modules name; the sections are their headings.
 */
export function RegistrySection({ cards }: { cards: readonly DashboardCard[] }) {
  const { t } = useTranslation();
  const heading = { fontSize: 16 };
  return (
    <>
      {sections(cards).map((section) => (
        <Fragment key={section.group}>
          <Typography.Title level={2} style={heading}>
            {t(section.group)}
          </Typography.Title>
          <Row gutter={[16, 16]} style={{ marginBottom: 24 }}>
            {section.cards.map((card) => (
              <StatCard
                key={card.id}
                col={FIFTH}
                title={t(card.label, card.labelParams ?? {})}
                value={card.value}
                icon={ICONS[card.icon] ?? <DashboardOutlined />}
                to={card.to}
                {...(card.tone ? { tone: card.tone } : {})}
              />
            ))}
          </Row>
        </Fragment>
      ))}
    </>
  );
}
