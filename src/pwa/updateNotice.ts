/**
 * A small notice, outside React (the service worker code owns no part of the UI): "a new version
 * is ready — reload", with the reassurance that saved work is kept (it lives in localStorage,
 * which updates never touch). Shown at most once per page.
 */
export const UPDATE_NOTICE_ID = 'rmw-update-notice';

export function showUpdateNotice(doc: Document = document): void {
  if (doc.getElementById(UPDATE_NOTICE_ID)) return;
  const box = doc.createElement('div');
  box.id = UPDATE_NOTICE_ID;
  box.setAttribute('role', 'status');
  box.style.cssText = [
    'position:fixed',
    'inset:auto 1rem 1rem auto',
    'z-index:1000',
    'max-width:24rem',
    'display:flex',
    'gap:0.75rem',
    'align-items:center',
    'padding:0.75rem 1rem',
    'border-radius:0.5rem',
    'background:#1e293b',
    'color:#f8fafc',
    'box-shadow:0 4px 16px rgb(0 0 0 / 0.25)',
    'font:inherit',
  ].join(';');

  const text = doc.createElement('p');
  text.style.margin = '0';
  text.textContent = 'A new version of the workshop is ready. Your saved work is kept.';

  const reload = doc.createElement('button');
  reload.type = 'button';
  reload.textContent = 'Reload';
  reload.style.cssText =
    'font:inherit;padding:0.35rem 0.8rem;border:0;border-radius:0.35rem;background:#fff;color:#1e293b;cursor:pointer';
  reload.addEventListener('click', () => doc.location.reload());

  const later = doc.createElement('button');
  later.type = 'button';
  later.textContent = 'Later';
  later.style.cssText =
    'font:inherit;padding:0.35rem 0.8rem;border:1px solid #94a3b8;border-radius:0.35rem;background:transparent;color:#f8fafc;cursor:pointer';
  later.addEventListener('click', () => box.remove());

  box.append(text, reload, later);
  doc.body.append(box);
}
