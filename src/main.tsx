import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { bootstrap } from './boot/bootstrap';
import { StoreProvider } from './ui/common/storeContext';
import './ui/styles.css';

const rootEl = document.getElementById('root')!;
const root = createRoot(rootEl);

// `?recompute=full`: the benchmark's baseline (every edit recomputes everything, as before the plan engine)
bootstrap({ fullRecompute: new URLSearchParams(location.search).get('recompute') === 'full' })
  .then(({ store }) => {
    root.render(
      <StrictMode>
        <StoreProvider store={store}>
          <App />
        </StoreProvider>
      </StrictMode>,
    );
  })
  .catch((err: unknown) => {
    const msg = err instanceof Error ? err.message : String(err);
    root.render(
      <div className="fatal" role="alert">
        <h1>Territory Planner could not start</h1>
        <p>{msg}</p>
      </div>,
    );
  });
