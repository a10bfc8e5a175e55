import { odooRaise } from '../odoo-exception';
import { writeRecords } from '../orm-write';
import type { ModelDef } from '../model-types';
import { defineModel, field, mainCompany, today } from './define-model';

const ACCOUNT_TYPES = [
  ['asset_receivable', 'Receivable'], ['asset_cash', 'Bank and Cash'], ['asset_current', 'Current Assets'],
  ['asset_non_current', 'Non-current Assets'], ['asset_prepayments', 'Prepayments'], ['asset_fixed', 'Fixed Assets'],
  ['liability_payable', 'Payable'], ['liability_credit_card', 'Credit Card'], ['liability_current', 'Current Liabilities'],
  ['liability_non_current', 'Non-current Liabilities'], ['equity', 'Equity'], ['equity_unaffected', 'Current Year Earnings'],
  ['income', 'Income'], ['income_other', 'Other Income'], ['expense', 'Expenses'], ['expense_depreciation', 'Depreciation'],
  ['expense_direct_cost', 'Cost of Revenue'], ['off_balance', 'Off-Balance Sheet'],
] as const;

/** `account.account`: the chart of accounts, shown as "code name". */
export const accountAccount = defineModel({
  name: 'account.account',
  description: 'Account',
  order: 'code',
  fields: {
    code: field.char('Code', { required: true }),
    name: field.char('Account Name', { required: true }),
    account_type: field.selection('Type', ACCOUNT_TYPES, { required: true }),
    reconcile: field.boolean('Allow Reconciliation', { default: () => false }),
    deprecated: field.boolean('Deprecated', { default: () => false }),
    company_id: field.many2one('Company', 'res.company', { default: mainCompany }),
  },
  displayName: (record) => `${String(record.code)} ${String(record.name)}`,
});

/** `account.journal`: BILL (purchase), INV (sale), MISC (general), BNK1 (bank) in the seed. */
export const accountJournal = defineModel({
  name: 'account.journal',
  description: 'Journal',
  order: 'sequence, type, code',
  fields: {
    name: field.char('Journal Name', { required: true }),
    code: field.char('Short Code', { required: true }),
    type: field.selection('Type', [['sale', 'Sales'], ['purchase', 'Purchase'], ['cash', 'Cash'], ['bank', 'Bank'], ['general', 'Miscellaneous']], { required: true }),
    sequence: field.integer('Sequence', { default: () => 10 }),
    default_account_id: field.many2one('Default Account', 'account.account'),
    currency_id: field.many2one('Currency', 'res.currency'),
    company_id: field.many2one('Company', 'res.company', { default: mainCompany }),
    active: field.active(),
  },
});

/** `account.tax`: percent or fixed taxes, per use (sale/purchase). */
export const accountTax = defineModel({
  name: 'account.tax',
  description: 'Tax',
  order: 'sequence, id',
  fields: {
    name: field.char('Tax Name', { required: true }),
    amount: field.float('Amount', { required: true, default: () => 0 }),
    amount_type: field.selection('Tax Computation', [['group', 'Group of Taxes'], ['fixed', 'Fixed'], ['percent', 'Percentage of Price'], ['division', 'Percentage of Price Tax Included']], { required: true, default: () => 'percent' }),
    type_tax_use: field.selection('Tax Type', [['sale', 'Sales'], ['purchase', 'Purchases'], ['none', 'None']], { required: true, default: () => 'sale' }),
    sequence: field.integer('Sequence', { default: () => 1 }),
    company_id: field.many2one('Company', 'res.company', { default: mainCompany }),
    active: field.active(),
  },
});

/** `account.analytic.plan`. */
export const accountAnalyticPlan = defineModel({
  name: 'account.analytic.plan',
  description: 'Analytic Plans',
  order: 'name',
  fields: { name: field.char('Name', { required: true }) },
});

/** `account.analytic.account`: `plan_id` is required since 16. */
export const accountAnalyticAccount = defineModel({
  name: 'account.analytic.account',
  description: 'Analytic Account',
  order: 'plan_id, name asc',
  fields: {
    name: field.char('Analytic Account', { required: true }),
    code: field.char('Reference'),
    plan_id: field.many2one('Plan', 'account.analytic.plan', { required: true }),
    company_id: field.many2one('Company', 'res.company'),
    active: field.active(),
  },
  displayName: (record) => (typeof record.code === 'string' && record.code !== '' ? `[${record.code}] ${String(record.name)}` : String(record.name)),
});

/** `account.payment`: draft until `action_post`. */
export function accountPayment(version: number): ModelDef {
  return defineModel({
    name: 'account.payment',
    description: 'Payments',
    order: 'date desc, name desc',
    fields: {
      name: field.char('Number', { default: () => '/' }),
      amount: field.monetary('Amount'),
      partner_id: field.many2one('Customer/Vendor', 'res.partner'),
      // 18 renamed the payment's `ref` to `memo`.
      ...(version >= 18 ? { memo: field.char('Memo') } : { ref: field.char('Reference') }),
      date: field.date('Date', { required: true, default: today }),
      payment_type: field.selection('Payment Type', [['outbound', 'Send'], ['inbound', 'Receive']], { required: true, default: () => 'inbound' }),
      partner_type: field.selection('Partner Type', [['customer', 'Customer'], ['supplier', 'Vendor']], { default: () => 'customer' }),
      state: field.selection('Status', [['draft', 'Draft'], ['posted', 'Posted'], ['cancel', 'Cancelled']], { required: true, readonly: true, default: () => 'draft' }),
      journal_id: field.many2one('Journal', 'account.journal'),
      currency_id: field.many2one('Currency', 'res.currency', { default: () => 1 }),
    },
    methods: {
      action_post: {
        api: 'record',
        params: [],
        run: ({ env, model, ids }) => {
          for (const id of ids) {
            if (env.db.get('account.payment', id)?.state !== 'draft') throw odooRaise.userError('Only a draft payment can be posted.');
            writeRecords(env, model, [id], { state: 'posted' });
          }
          return null;
        },
      },
    },
  });
}
