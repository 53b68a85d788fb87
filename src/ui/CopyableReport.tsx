import { useId, useState } from 'react';

/** A read-only text block with a Copy button (error reports, learner error locations). */
export function CopyableReport({ label, text }: { label: string; text: string }) {
  const id = useId();
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = () => {
    navigator.clipboard.writeText(text).then(
      () => setCopied('copied'),
      () => setCopied('failed'),
    );
  };
  return (
    <div className="report">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} readOnly value={text} rows={Math.min(12, text.split('\n').length + 1)} />
      <div className="report-actions">
        <button type="button" className="button button-secondary" onClick={copy}>
          Copy
        </button>
        <span role="status">
          {copied === 'copied'
            ? 'Copied.'
            : copied === 'failed'
              ? 'Select the text and copy it.'
              : ''}
        </span>
      </div>
    </div>
  );
}
