import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App, MissingKey } from './app/App.js';
import { tellShellTheLanguage } from './app/desktop-wiring.js';
import { createStores } from './app/stores.js';
import { StoresProvider } from './app/StoresProvider.js';
import { initI18n } from './i18n/index.js';
import { followProfileLanguage, mirrorLanguageOnDocument, startingLanguage } from './i18n/language-choice.js';
import './fonts.js';
import { createApiClient } from './state/api-client.js';
import { connectToHost } from './state/host-bridge.js';
import './app.css';
import './widgets.css';

async function start(): Promise<void> {
  const i18n = await initI18n(startingLanguage());
  mirrorLanguageOnDocument(i18n);

  const container = document.getElementById('root');
  if (!container) throw new Error('index.html lacks the #root element.');
  const root = createRoot(container);

  const bridge = connectToHost();
  if (!bridge) {
    root.render(
      <I18nextProvider i18n={i18n}>
        <MissingKey />
      </I18nextProvider>,
    );
    return;
  }
  const client = createApiClient(bridge);
  const { stores } = createStores(client);
  tellShellTheLanguage(client, i18n);
  stores.session.subscribe((state, before) => {
    if (state.agent && state.agent.id !== before.agent?.id) void followProfileLanguage(i18n, state.agent.language);
  });
  root.render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <StoresProvider stores={stores}>
          <App />
        </StoresProvider>
      </I18nextProvider>
    </StrictMode>,
  );
  await stores.session.getState().load();
}

void start();
