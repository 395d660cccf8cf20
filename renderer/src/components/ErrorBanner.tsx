interface ErrorBannerProps {
  message: string;
  onDismiss: () => void;
}

/** A one-line, dismissible error; the rest of the app keeps working underneath. */
export function ErrorBanner({ message, onDismiss }: ErrorBannerProps) {
  return (
    <div className="error-banner" role="alert">
      <span className="error-banner-text" title={message}>
        {message}
      </span>
      <button type="button" className="icon-button" aria-label="Dismiss error" onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}
