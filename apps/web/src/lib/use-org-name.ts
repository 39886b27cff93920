import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { orgNameIn } from '@custodian/shared';
import { currentLanguage } from '../i18n.js';

/** An organisation's name from its official (zh-TW) and English names; null stays null. */
export type OrgNameOf = {
  (name: string, nameEn: string | null | undefined): string;
  (name: string | null, nameEn: string | null | undefined): string | null;
};

/**
 * An organisation's name in the interface's language: the English name in the English
 * interface when one is recorded, else the official zh-TW name (responses carry both,
 * `orgName` and `orgNameEn`, …). Every place the app names an organisation goes through it.
 */
export function useOrgName(): OrgNameOf {
  // Subscribes to language changes; currentLanguage() then reads the one just chosen.
  useTranslation();
  const language = currentLanguage();
  return useMemo(() => {
    const nameOf = (name: string | null, nameEn: string | null | undefined) =>
      name === null ? null : orgNameIn(language, name, nameEn);
    return nameOf as OrgNameOf;
  }, [language]);
}
