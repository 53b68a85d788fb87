/**
 * A per-view error boundary: an internal bug in one view shows what happened, with a copyable
 * report, while the header and the other views keep working.
 */
import { Component } from 'react';
import type { ErrorInfo, ReactNode } from 'react';
import { CopyableReport } from './CopyableReport';

interface Props {
  /** Names the view in the message ("the exercise page"). */
  area: string;
  children: ReactNode;
}

interface State {
  error: Error | null;
  componentStack: string;
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, componentStack: '' };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(_error: unknown, info: ErrorInfo): void {
    this.setState({ componentStack: info.componentStack ?? '' });
  }

  private readonly reset = () => this.setState({ error: null, componentStack: '' });

  override render(): ReactNode {
    const { error, componentStack } = this.state;
    if (!error) return this.props.children;
    const report = [
      `Internal error in ${this.props.area}`,
      `URL: ${window.location.href}`,
      error.stack?.includes(error.message)
        ? error.stack
        : `${error.name}: ${error.message}\n${error.stack ?? ''}`,
      componentStack ? `Components:${componentStack}` : '',
    ]
      .filter(Boolean)
      .join('\n');
    return (
      <section className="panel panel-error" role="alert" aria-labelledby="boundary-title">
        <h2 id="boundary-title">Something went wrong in {this.props.area}</h2>
        <p>
          This is a bug in the workshop app, not in your code: {error.message}. The rest of the page
          still works. Please copy the report below for the instructor.
        </p>
        <CopyableReport label="Error report" text={report} />
        <button type="button" className="button" onClick={this.reset}>
          Try again
        </button>
      </section>
    );
  }
}
