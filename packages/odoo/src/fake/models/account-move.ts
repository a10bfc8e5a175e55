import { childIds, odooDate } from '../field-access';
import type { FakeEnv, FieldDef, ModelDef, StoredRecord } from '../model-types';
import { odooRaise } from '../odoo-exception';
import { writeRecords } from '../orm-write';
import { defineModel, field, mainCompany, num, round2 } from './define-model';
import { accountMoveLine, lineAmounts } from './account-move-line';

const MOVE_TYPES = [
  ['entry', 'Journal Entry'], ['out_invoice', 'Customer Invoice'], ['out_refund', 'Customer Credit Note'],
  ['in_invoice', 'Vendor Bill'], ['in_refund', 'Vendor Credit Note'], ['out_receipt', 'Sales Receipt'], ['in_receipt', 'Purchase Receipt'],
] as const;

/** The journal type Odoo picks by default for a move type. */
function journalTypeFor(moveType: unknown): string {
  if (typeof moveType === 'string' && moveType.startsWith('in_')) return 'purchase';
  if (typeof moveType === 'string' && moveType.startsWith('out_')) return 'sale';
  return 'general';
}

function isInvoice(move: StoredRecord): boolean {
  return move.move_type !== 'entry' && move.move_type !== undefined && move.move_type !== false;
}

function linesOf(env: FakeEnv, move: StoredRecord): StoredRecord[] {
  return childIds(env, linesField, move.id).flatMap((id) => env.db.get('account.move.line', id) ?? []);
}

/** Next number in the journal's monthly sequence: `BILL/2024/01/0001`, `RBILL/…` for refunds. */
function nextName(env: FakeEnv, journalId: unknown, date: string, moveType: unknown): string {
  const journal = typeof journalId === 'number' ? env.db.get('account.journal', journalId) : undefined;
  const code = `${moveType === 'in_refund' || moveType === 'out_refund' ? 'R' : ''}${String(journal?.code ?? 'MISC')}`;
  const prefix = `${code}/${date.slice(0, 4)}/${date.slice(5, 7)}/`;
  const used = env.db.all('account.move').map((move) => move.name).filter((name): name is string => typeof name === 'string' && name.startsWith(prefix));
  const last = Math.max(0, ...used.map((name) => Number(name.slice(prefix.length))));
  return `${prefix}${String(last + 1).padStart(4, '0')}`;
}

function amounts(env: FakeEnv, move: StoredRecord): { untaxed: number; tax: number } {
  const lines = linesOf(env, move);
  if (!isInvoice(move)) return { untaxed: round2(lines.reduce((sum, line) => sum + num(line.debit), 0)), tax: 0 };
  const product = lines.filter((line) => (line.display_type ?? 'product') === 'product' || line.display_type === false);
  const each = product.map((line) => lineAmounts(env, line));
  return { untaxed: round2(each.reduce((sum, line) => sum + line.subtotal, 0)), tax: round2(each.reduce((sum, line) => sum + line.tax, 0)) };
}

const linesField: FieldDef = field.one2many('Journal Items', 'account.move.line', 'move_id');
const PARTNER_LABEL: Readonly<Record<string, readonly [string, string]>> = {
  in_invoice: ['Vendor', 'Vendor Bill'], in_refund: ['Vendor', 'Vendor Credit Note'], in_receipt: ['Vendor', 'Purchase Receipt'],
  out_invoice: ['Customer', 'Customer Invoice'], out_refund: ['Customer', 'Customer Credit Note'], out_receipt: ['Customer', 'Sales Receipt'],
};

/** Odoo's checks in `_post`, with its exact messages. */
function checkPostable(env: FakeEnv, move: StoredRecord): void {
  const name = String(move.name);
  if (move.state === 'posted') throw odooRaise.userError(`The entry ${name} (id ${move.id}) is already posted.`);
  const lines = linesOf(env, move);
  if (lines.length === 0) throw odooRaise.userError('You need to add a line before posting.');
  const label = typeof move.move_type === 'string' ? PARTNER_LABEL[move.move_type] : undefined;
  if (label !== undefined && typeof move.partner_id !== 'number') {
    throw odooRaise.userError(`The field '${label[0]}' is required, please complete it to validate the ${label[1]}.`);
  }
  if (typeof move.move_type === 'string' && move.move_type.startsWith('in_') && typeof move.invoice_date !== 'string') {
    throw odooRaise.userError('The Bill/Refund date is required to validate this document.');
  }
  if (!isInvoice(move)) {
    const debit = round2(lines.reduce((sum, line) => sum + num(line.debit), 0));
    const credit = round2(lines.reduce((sum, line) => sum + num(line.credit), 0));
    if (Math.abs(debit - credit) >= 0.005) {
      const journal = typeof move.journal_id === 'number' ? env.db.get('account.journal', move.journal_id) : undefined;
      throw odooRaise.userError(
        `The move (${name}) is not balanced.\nThe total of debits equals ${debit.toFixed(2)} and the total of credits equals ${credit.toFixed(2)}.\n` +
          `You might want to specify a default account on journal "${String(journal?.name ?? '')}" to automatically balance each move.`,
      );
    }
  }
}

/** `account.move`: bills, invoices and journal entries, with computed totals and posting rules. */
export const accountMove: ModelDef = defineModel({
  name: 'account.move',
  description: 'Journal Entry',
  order: 'date desc, name desc, id desc',
  fields: {
    name: field.char('Number', { default: () => '/' }),
    move_type: field.selection('Type', MOVE_TYPES, { required: true, default: () => 'entry' }),
    partner_id: field.many2one('Partner', 'res.partner'),
    invoice_date: field.date('Invoice/Bill Date'),
    invoice_date_due: field.date('Due Date'),
    date: field.date('Date', { required: true }),
    ref: field.char('Reference'),
    payment_reference: field.char('Payment Reference'),
    narration: { type: 'html', string: 'Terms and Conditions' },
    journal_id: field.many2one('Journal', 'account.journal', { required: true }),
    currency_id: field.many2one('Currency', 'res.currency', { required: true }),
    company_id: field.many2one('Company', 'res.company', { default: mainCompany }),
    state: field.selection('Status', [['draft', 'Draft'], ['posted', 'Posted'], ['cancel', 'Cancelled']], { required: true, readonly: true, default: () => 'draft' }),
    line_ids: linesField,
    invoice_line_ids: field.one2many('Invoice lines', 'account.move.line', 'move_id'),
    amount_untaxed: field.monetary('Untaxed Amount', { compute: (move, env) => amounts(env, move).untaxed }),
    amount_tax: field.monetary('Tax', { compute: (move, env) => amounts(env, move).tax }),
    amount_total: field.monetary('Total', { compute: (move, env) => round2(amounts(env, move).untaxed + amounts(env, move).tax) }),
    payment_state: field.selection('Payment Status', [['not_paid', 'Not Paid'], ['paid', 'Paid']], { compute: (move) => (move.state === 'posted' && isInvoice(move) ? 'not_paid' : false) }),
  },
  displayName: (move) => (typeof move.name === 'string' && move.name !== '/' ? move.name : `Draft (* ${move.id})`),
  beforeCreate(values, env) {
    if (typeof values.journal_id !== 'number') {
      const type = journalTypeFor(values.move_type);
      const journal = env.db.all('account.journal').find((row) => row.type === type && row.active !== false);
      if (journal === undefined) throw odooRaise.userError(`No journal could be found in company My Company for any of those types: ${type}`);
      values.journal_id = journal.id;
    }
    if (typeof values.currency_id !== 'number') {
      const journal = env.db.get('account.journal', Number(values.journal_id));
      values.currency_id = typeof journal?.currency_id === 'number' ? journal.currency_id : env.db.get('res.company', 1)?.currency_id ?? 1;
    }
    if (typeof values.date !== 'string') values.date = typeof values.invoice_date === 'string' ? values.invoice_date : odooDate(env.now());
    if (typeof values.name !== 'string' || values.name === '/') values.name = nextName(env, values.journal_id, String(values.date), values.move_type);
  },
  beforeUnlink(move) {
    if (move.state === 'posted') throw odooRaise.userError('You cannot delete an entry which has been posted once.');
  },
  methods: {
    action_post: {
      api: 'record',
      params: [],
      run: ({ env, model, ids }) => {
        for (const id of ids) {
          const move = env.db.get('account.move', id);
          if (move === undefined) continue;
          checkPostable(env, move);
          writeRecords(env, model, [id], { state: 'posted' });
        }
        return false; // Odoo's action_post explicitly returns False
      },
    },
    button_draft: {
      api: 'record',
      params: [],
      run: ({ env, model, ids }) => {
        writeRecords(env, model, ids, { state: 'draft' });
        return null;
      },
    },
    button_cancel: {
      api: 'record',
      params: [],
      run: ({ env, model, ids }) => {
        writeRecords(env, model, ids, { state: 'cancel' });
        return null;
      },
    },
  },
});

/** The move and its lines. */
export const accountMoveModels: readonly ModelDef[] = [accountMove, accountMoveLine];
