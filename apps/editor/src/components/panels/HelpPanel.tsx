import { SHORTCUTS } from '../../app/shortcuts';

/** Keyboard shortcuts and a few conventions. */
export function HelpPanel() {
  const mac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);
  return (
    <div className="lf-help" data-testid="help-panel">
      <div className="lf-panel-section">
        <div className="lf-section-title">Keyboard shortcuts</div>
        <table className="lf-shortcuts">
          <tbody>
            {SHORTCUTS.map((s) => (
              <tr key={s.does}>
                <td>
                  {s.keys.map((k) => (
                    <kbd key={k}>{mac && k === 'Ctrl' ? '⌘' : k}</kbd>
                  ))}
                </td>
                <td>{s.does}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="lf-panel-section lf-tips">
        <div className="lf-section-title">Good to know</div>
        <ul>
          <li>Positions, notes and colours are canvas-only: they never change what runs.</li>
          <li>You can always save; a flow with problems is saved as a draft. Only a flow without problems can be published.</li>
          <li>Expressions are JSONata. Previews run in your browser on the sample, never against Odoo.</li>
        </ul>
      </div>
    </div>
  );
}
