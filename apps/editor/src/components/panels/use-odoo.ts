import { useEffect, useState } from 'react';
import type { LedgerflowApi } from '../../api/ledgerflow-api';
import type { Connection } from '../../api/schemas';
import type { OdooFields } from '../../odoo/odoo-fields';
import { useEditor } from '../editor/editor-context';

const connections = new WeakMap<LedgerflowApi, Promise<Connection[]>>();
const fields = new Map<string, Promise<OdooFields>>();

/** The configured connections (asked once per page). */
export function useConnections(): Connection[] | undefined {
  const { api } = useEditor();
  const [list, setList] = useState<Connection[] | undefined>();
  useEffect(() => {
    let promise = connections.get(api);
    if (!promise) {
      promise = api.listConnections().catch(() => []);
      connections.set(api, promise);
    }
    let live = true;
    void promise.then((items) => live && setList(items));
    return () => {
      live = false;
    };
  }, [api]);
  return list;
}

export type FieldsState = { status: 'idle' } | { status: 'loading' } | { status: 'ready'; fields: OdooFields } | { status: 'error'; message: string };

/** Odoo's fields_get for a model through a connection, cached per connection and model. */
export function useOdooFields(connection: string | undefined, model: string | undefined): FieldsState {
  const { api } = useEditor();
  const [state, setState] = useState<FieldsState>({ status: 'idle' });
  useEffect(() => {
    if (!connection || !model || !/^[a-z_][a-z0-9_]*(\.[a-z0-9_]+)+$/.test(model)) {
      setState({ status: 'idle' });
      return;
    }
    const key = `${connection}|${model}`;
    let promise = fields.get(key);
    if (!promise) {
      promise = api.odooFields(connection, model);
      fields.set(key, promise);
      promise.catch(() => fields.delete(key));
    }
    let live = true;
    setState({ status: 'loading' });
    promise.then(
      (result) => live && setState({ status: 'ready', fields: result }),
      (error: unknown) => live && setState({ status: 'error', message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, [api, connection, model]);
  return state;
}
