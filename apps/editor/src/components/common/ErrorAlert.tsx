/** The red alert every page shows for a failed request; nothing when there is no error. */
export function ErrorAlert({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <div className="lf-alert lf-alert-error" role="alert">
      {message}
    </div>
  );
}
