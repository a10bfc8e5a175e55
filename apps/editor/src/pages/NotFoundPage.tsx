import { Link } from '../app/Link';
import { useLocation } from '../app/use-location';

/** Shown for paths no page claims. */
export function NotFoundPage() {
  const { pathname } = useLocation();
  return (
    <div className="lf-page">
      <div className="lf-empty">
        <div className="lf-empty-icon" aria-hidden>
          ∅
        </div>
        <h2>Nothing at {pathname}</h2>
        <p>This page does not exist in this version of Ledgerflow.</p>
        <Link href="/" className="lf-btn lf-btn-primary">
          Go to flows
        </Link>
      </div>
    </div>
  );
}
