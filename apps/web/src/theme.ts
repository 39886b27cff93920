import type { ThemeConfig } from 'antd';

/*
 * The app's antd theme. Contrast is fixed here, once, not page by page (issue 11, defect
 * 10): every text colour below reaches WCAG 2.1 AA (4.5:1) on white and on antd's light
 * tints. e2e/accessibility.test.ts scans every page with axe and fails on any breach.
 */

const PRIMARY = '#1456b8';

/**
 * Text shade (step 7) of the preset tag colours whose default falls under 4.5:1 on the
 * tag's own step-1 background; each is the palette's next darker step.
 */
const TAG_TEXT = {
  volcano7: '#ad2102',
  orange7: '#ad4e00',
  gold7: '#874d00',
  yellow7: '#876800',
  lime7: '#3f6600',
  green7: '#237804',
  cyan7: '#006d75',
} as const;

export const APP_THEME: ThemeConfig = {
  token: {
    colorPrimary: PRIMARY,
    borderRadius: 6,
    // Secondary text (Typography type="secondary", descriptions, table sorters): #8c8c8c (3.4:1) by default.
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
    // Links follow the primary colour; antd's default info blue is 4.0:1 on white.
    colorLink: PRIMARY,
    colorLinkHover: '#2a6fd1',
    colorLinkActive: '#0f418c',
    colorSuccessText: '#237804',
    colorWarningText: '#874d00',
    colorErrorText: '#cf1322',
    ...TAG_TEXT,
  },
  components: {
    // Status tags (color="success" etc.) print the status colour on its light background.
    Tag: {
      colorSuccess: '#237804',
      colorWarning: '#874d00',
      colorError: '#cf1322',
      colorInfo: '#0958d9',
    },
  },
};
