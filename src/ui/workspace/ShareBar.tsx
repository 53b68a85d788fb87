/** Share link of the current code, settings and run; notices about a loaded shared run. */
import { useId, useState } from 'react';
import { useProgressStore } from '../useProgressStore';

interface Props {
  folder: string;
  makeUrl(): string;
  /** The page was opened from a share link. */
  shared: boolean;
}

export function ShareBar({ folder, makeUrl, shared }: Props) {
  const [url, setUrl] = useState<string | null>(null);
  const [copied, setCopied] = useState('');
  const backup = useProgressStore((s) => s.progress.exercises[folder]?.backup);
  const restoreBackup = useProgressStore((s) => s.restoreBackup);
  const id = useId();
  const share = () => {
    const next = makeUrl();
    setUrl(next);
    navigator.clipboard.writeText(next).then(
      () => setCopied('Copied to the clipboard.'),
      () => setCopied('Select the link and copy it.'),
    );
  };
  return (
    <div className="share-bar">
      {shared && (
        <p className="callout callout-info" role="status">
          This page shows a shared run: its code, settings and steps.
          {backup !== undefined && (
            <>
              {' '}
              Your own code was kept.{' '}
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  restoreBackup(folder);
                  window.location.reload();
                }}
              >
                Restore my code
              </button>
            </>
          )}
        </p>
      )}
      <button type="button" className="quiet-button" onClick={share}>
        Share this run
      </button>
      {url && (
        <>
          <label htmlFor={id} className="visually-hidden">
            Share link
          </label>
          <input
            id={id}
            className="share-url"
            readOnly
            value={url}
            onFocus={(e) => e.target.select()}
          />
          <span role="status" className="muted">
            {copied}
          </span>
        </>
      )}
    </div>
  );
}
