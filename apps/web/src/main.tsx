import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n.js';
import './styles.css';
import { readCspNonce, stampNonceOnStyleElements } from './lib/csp-nonce.js';
import { keepTableScrollersFocusable } from './lib/table-scrollers.js';
import { Root } from './root.js';

const nonce = readCspNonce();
if (nonce) {
  stampNonceOnStyleElements(nonce);
}

const container = document.getElementById('root');
if (container) {
  keepTableScrollersFocusable(container);
  createRoot(container).render(
    <StrictMode>
      <Root nonce={nonce} />
    </StrictMode>,
  );
}
