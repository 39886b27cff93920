import type { RenderForm } from './documents.types.js';
import { renderDocx } from './documents.docx.js';
import { layOutForm } from './documents.forms.js';
import { renderPdf } from './documents.pdf.js';

const CONTENT_TYPES = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;

/**
 * Renders a form of the 保密合約書 family as DOCX or PDF (issue 10). The layout of each form
 * is built once from the seed's wording (forms/*.form.ts) and drawn by both renderers, so
 * the two files say the same. Pure: no database, no clock, no logging of the data (附件二
 * carries a national ID number).
 */
export const renderForm: RenderForm = async (form, format) => {
  const { blocks, baseName } = layOutForm(form);
  const bytes = format === 'pdf' ? await renderPdf(blocks, baseName) : await renderDocx(blocks, baseName);
  return { bytes, contentType: CONTENT_TYPES[format], fileName: `${baseName}.${format}` };
};
