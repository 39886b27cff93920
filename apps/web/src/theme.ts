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
  volcano: '#ad2102',
  orange: '#ad4e00',
  gold: '#874d00',
  yellow: '#876800',
  lime: '#3f6600',
  green: '#237804',
  cyan: '#006d75',
} as const;

/**
 * antd keeps each palette step under two names, `green7` and `green-7`, and with CSS
 * variables (antd 6's default) both become `--ant-green-7`: the `green-7` one, written
 * last, wins. A theme that sets only `green7` is ignored, so both names are set here.
 */
const TAG_TEXT_TOKENS = Object.fromEntries(
  Object.entries(TAG_TEXT).flatMap(([color, text]) => [
    [`${color}7`, text],
    [`${color}-7`, text],
  ]),
);

/**
 * For text that antd dims to its disabled grey (#bfbfbf, 1.8:1) where it is not a disabled
 * control: #707070 on white, 4.9:1 (4.8:1 on #f5f5f5), like the placeholders.
 */
const DIM_TEXT = 'rgba(0, 0, 0, 0.56)';

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
    // Danger buttons, form errors and error texts print colorError itself: #ff4d4f is 3.3:1.
    colorError: '#cf1322',
    ...TAG_TEXT_TOKENS,
  },
  components: {
    // A table's "no data" text, which antd prints in the disabled grey.
    Table: { colorTextDisabled: DIM_TEXT },
    // The calendar's days of the previous and next month: dimmed, but they can be picked.
    // (Disabled controls elsewhere keep the disabled grey: WCAG 1.4.3 exempts them.)
    Calendar: { colorTextDisabled: DIM_TEXT },
    // A hovered tab prints antd's derived colorPrimaryHover (#3573c4): 4.38:1 on the layout's
    // #f5f5f5. The primary itself is 6.3:1 there, the pressed shade (#0f418c) 8.9:1.
    Tabs: { itemHoverColor: PRIMARY, itemActiveColor: '#0f418c' },
    // Status tags (color="success" etc.) print the status colour on its light background.
    Tag: {
      colorSuccess: '#237804',
      colorWarning: '#874d00',
      colorError: '#cf1322',
      colorInfo: '#0958d9',
    },
  },
};
