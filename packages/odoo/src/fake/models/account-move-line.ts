import type { FakeEnv, ModelDef, StoredRecord } from '../model-types';
import { defineModel, field, num, round2 } from './define-model';

/** Subtotal and tax of one invoice line: percent taxes on the subtotal, fixed taxes per unit. */
export function lineAmounts(env: FakeEnv, line: StoredRecord): { subtotal: number; tax: number } {
  const quantity = typeof line.quantity === 'number' ? line.quantity : 1;
  const subtotal = round2(quantity * num(line.price_unit) * (1 - num(line.discount) / 100));
  const taxIds = Array.isArray(line.tax_ids) ? line.tax_ids : [];
  let tax = 0;
  for (const taxId of taxIds) {
    const rate = typeof taxId === 'number' ? env.db.get('account.tax', taxId) : undefined;
    if (rate === undefined) continue;
    tax += rate.amount_type === 'fixed' ? round2(num(rate.amount) * quantity) : round2((subtotal * num(rate.amount)) / 100);
  }
  return { subtotal, tax: round2(tax) };
}

function moveOf(env: FakeEnv, line: StoredRecord): StoredRecord | undefined {
  return typeof line.move_id === 'number' ? env.db.get('account.move', line.move_id) : undefined;
}

/** `account.move.line`: journal items; invoice lines take their account from the journal by default. */
export const accountMoveLine: ModelDef = defineModel({
  name: 'account.move.line',
  description: 'Journal Item',
  order: 'date desc, id',
  fields: {
    move_id: field.many2one('Journal Entry', 'account.move', { required: true, cascade: true }),
    name: field.char('Label'),
    account_id: field.many2one('Account', 'account.account'),
    partner_id: field.many2one('Partner', 'res.partner'),
    product_id: field.many2one('Product', 'product.product'),
    quantity: field.float('Quantity', { default: () => 1 }),
    price_unit: field.float('Unit Price'),
    discount: field.float('Discount (%)'),
    tax_ids: field.many2many('Taxes', 'account.tax'),
    debit: field.monetary('Debit'),
    credit: field.monetary('Credit'),
    analytic_distribution: field.json('Analytic Distribution'),
    display_type: field.selection('Display Type', [['product', 'Product'], ['line_section', 'Section'], ['line_note', 'Note'], ['tax', 'Tax'], ['payment_term', 'Payment Term']], { default: () => 'product' }),
    currency_id: field.many2one('Currency', 'res.currency'),
    balance: field.monetary('Balance', { compute: (line) => round2(num(line.debit) - num(line.credit)) }),
    price_subtotal: field.monetary('Subtotal', { compute: (line, env) => lineAmounts(env, line).subtotal }),
    price_total: field.monetary('Total', { compute: (line, env) => round2(lineAmounts(env, line).subtotal + lineAmounts(env, line).tax) }),
    date: field.date('Date', { compute: (line, env) => moveOf(env, line)?.date ?? false }),
    parent_state: field.selection('Status', [['draft', 'Draft'], ['posted', 'Posted'], ['cancel', 'Cancelled']], { compute: (line, env) => moveOf(env, line)?.state ?? false }),
  },
  displayName: (line, env) => `${String(moveOf(env, line)?.name ?? '')}${typeof line.name === 'string' && line.name !== '' ? ` - ${line.name}` : ''}`,
  beforeCreate(values, env) {
    const move = typeof values.move_id === 'number' ? env.db.get('account.move', values.move_id) : undefined;
    if (move === undefined) return;
    if (values.partner_id === undefined && typeof move.partner_id === 'number') values.partner_id = move.partner_id;
    if (values.currency_id === undefined) values.currency_id = move.currency_id;
    if (values.account_id === undefined && move.move_type !== 'entry') {
      // Odoo defaults an invoice line's account from the journal (or the product).
      const journal = typeof move.journal_id === 'number' ? env.db.get('account.journal', move.journal_id) : undefined;
      if (typeof journal?.default_account_id === 'number') values.account_id = journal.default_account_id;
    }
  },
});
