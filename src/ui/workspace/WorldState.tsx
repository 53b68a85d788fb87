/** The world at the cursor as compact tables: documents, queues, handlers in flight, requests. */
import type { WorldSummary } from '../../workers/sessionProtocol';

export function WorldState({ summary }: { summary: WorldSummary }) {
  const { documents, kv, streams, queues, handlers, requests, answers, errorQueue, faults } =
    summary;
  return (
    <div className="world" data-testid="world-state">
      <p className="muted">
        Tick {summary.tick} · faults used: {faults.total}
        {Object.entries(faults.byKind)
          .filter(([, n]) => n > 0)
          .map(([k, n]) => ` · ${k} ${n}`)
          .join('')}
      </p>
      <table className="state-table">
        <caption>Documents</caption>
        <thead>
          <tr>
            <th scope="col">Document</th>
            <th scope="col" className="num">
              Version
            </th>
            <th scope="col">Value</th>
          </tr>
        </thead>
        <tbody>
          {documents.length + kv.length + streams.length === 0 && (
            <tr>
              <td colSpan={3} className="muted">
                No documents yet.
              </td>
            </tr>
          )}
          {[
            ...documents.map((d) => ({ ...d, name: `${d.collection}/${d.id}` })),
            ...kv.map((d) => ({ ...d, name: `${d.store}:${d.key}` })),
          ].map((d) => (
            <tr key={`${d.store}|${d.name}`}>
              <td>
                <code>{d.name}</code>
              </td>
              <td className="num">{d.version}</td>
              <td className="value">
                <code>{d.value}</code>
              </td>
            </tr>
          ))}
          {streams.map((s) => (
            <tr key={`${s.store}#${s.stream}`}>
              <td>
                <code>
                  {s.store}#{s.stream}
                </code>
              </td>
              <td className="num">{s.events}</td>
              <td className="muted">events</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="state-lists">
        <section aria-label="Queues">
          <h4>Queues</h4>
          {queues.length === 0 ? (
            <p className="muted">Every queue is empty.</p>
          ) : (
            <ul>
              {queues.map((q) => (
                <li key={q.destination}>
                  <strong>{q.destination}</strong>:{' '}
                  {q.copies
                    .map(
                      (c) =>
                        `${c.type} ${c.copyId} (${c.state}${c.deliveries ? `, delivered ${c.deliveries}×` : ''})`,
                    )
                    .join('; ')}
                </li>
              ))}
            </ul>
          )}
          {errorQueue.length > 0 && (
            <p>
              <strong>Error queue</strong>:{' '}
              {errorQueue.map((c) => `${c.type} ${c.messageId}`).join(', ')}
            </p>
          )}
        </section>
        <section aria-label="Handlers in flight">
          <h4>Handlers in flight</h4>
          {handlers.length === 0 ? (
            <p className="muted">None.</p>
          ) : (
            <ul>
              {handlers.map((h) => (
                <li key={h.attemptId}>
                  <strong>{h.attemptId}</strong> {h.endpoint}.{h.route}: {h.pending}
                </li>
              ))}
            </ul>
          )}
          {requests.length > 0 && (
            <>
              <h4>HTTP requests</h4>
              <ul>
                {requests.map((r) => (
                  <li key={r.requestId}>
                    <strong>{r.requestId}</strong> {r.tab} → {r.route} ({r.state})
                  </li>
                ))}
              </ul>
            </>
          )}
          {answers.length > 0 && (
            <>
              <h4>Answers the browser got</h4>
              <ol className="answers" data-testid="answers">
                {answers.map((a, i) => (
                  <li key={i}>
                    <strong>{a.tab}</strong> {a.route}: <code>{a.body}</code>
                  </li>
                ))}
              </ol>
            </>
          )}
        </section>
      </div>
    </div>
  );
}
