/**
 * Entry point. index.html already paints the header and a loading line; React takes over the
 * main area. Learner code never runs here: only in the simulation worker.
 */
import './pwa/register';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { applyPrefsToDocument } from './ui/shell/usePrefsStore';
import './ui/styles.css';
import './ui/shell/theme.css';

// Theme and projector mode before the first paint of React's views.
applyPrefsToDocument();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
