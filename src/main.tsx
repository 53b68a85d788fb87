/**
 * Entry point. index.html already paints the header and a loading line; React takes over the
 * main area. Learner code never runs here: only in the simulation worker.
 */
import './pwa/register';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import './ui/styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
