import { modelOf } from './field-access';
import type { FakeEnv } from './model-types';
import { createRecord } from './orm-write';

/** Inserts a row and, when given, its external id (`module.name`). */
function insert(env: FakeEnv, model: string, values: Record<string, unknown>, xmlid?: string): number {
  const id = createRecord(env, modelOf(env, model), values);
  if (xmlid !== undefined) {
    const [module = 'base', name = xmlid] = xmlid.split('.');
    createRecord(env, modelOf(env, 'ir.model.data'), { module, name, model, res_id: id, noupdate: true });
  }
  return id;
}

/** What every fake database has: the company, its currency, the system and admin users (uid 2, as in Odoo). */
export function seedEssentials(env: FakeEnv, login: string): void {
  const eur = insert(env, 'res.currency', { name: 'EUR', symbol: '€' }, 'base.EUR');
  insert(env, 'res.currency', { name: 'USD', symbol: '$' }, 'base.USD');
  insert(env, 'res.company', { name: 'My Company', currency_id: eur }, 'base.main_company');
  insert(env, 'res.partner', { name: 'My Company', is_company: true, company_id: 1 }, 'base.main_partner');
  insert(env, 'res.users', { name: 'OdooBot', login: '__system__', active: false }, 'base.user_root');
  insert(env, 'res.users', { name: 'Mitchell Admin', login }, 'base.user_admin');
}

/** A small Belgian-style company: chart of accounts, journals, taxes, partners, an employee. */
export function seedDemoData(env: FakeEnv): void {
  const be = insert(env, 'res.country', { name: 'Belgium', code: 'BE' }, 'base.be');
  insert(env, 'res.country', { name: 'United States', code: 'US' }, 'base.us');
  const account = (code: string, name: string, accountType: string, reconcile = false) =>
    insert(env, 'account.account', { code, name, account_type: accountType, reconcile });
  account('400000', 'Customers', 'asset_receivable', true);
  account('440000', 'Suppliers', 'liability_payable', true);
  account('411000', 'VAT recoverable', 'asset_current');
  account('451000', 'VAT payable', 'liability_current');
  account('550000', 'Bank', 'asset_cash');
  const expenses = account('600000', 'Purchases of goods', 'expense');
  account('612000', 'Services and other goods', 'expense');
  account('620000', 'Salaries', 'expense');
  const income = account('700000', 'Sales', 'income');
  insert(env, 'account.journal', { name: 'Vendor Bills', code: 'BILL', type: 'purchase', sequence: 6, default_account_id: expenses });
  insert(env, 'account.journal', { name: 'Customer Invoices', code: 'INV', type: 'sale', sequence: 5, default_account_id: income });
  insert(env, 'account.journal', { name: 'Miscellaneous Operations', code: 'MISC', type: 'general', sequence: 9 });
  insert(env, 'account.journal', { name: 'Bank', code: 'BNK1', type: 'bank', sequence: 10 });
  insert(env, 'account.tax', { name: '15%', amount: 15, amount_type: 'percent', type_tax_use: 'purchase' });
  insert(env, 'account.tax', { name: '0%', amount: 0, amount_type: 'percent', type_tax_use: 'purchase' });
  const plan = insert(env, 'account.analytic.plan', { name: 'Projects' });
  insert(env, 'account.analytic.account', { name: 'Office', code: 'OFF', plan_id: plan });
  insert(env, 'account.analytic.account', { name: 'Research', code: 'RND', plan_id: plan });
  const azure = insert(env, 'res.partner', { name: 'Azure Interior', is_company: true, vat: 'BE0477472701', ref: 'AZURE', email: 'azure.interior24@example.com', country_id: be, supplier_rank: 1 });
  insert(env, 'res.partner', { name: 'Brandon Freeman', parent_id: azure, email: 'brandon.freeman55@example.com' });
  insert(env, 'res.partner', { name: 'Deco Addict', is_company: true, vat: 'BE0123456749', ref: 'DECO', supplier_rank: 1 });
  insert(env, 'res.partner', { name: 'Gemini Furniture', is_company: true, ref: 'GEMINI', customer_rank: 1 });
  insert(env, 'product.product', { name: 'Expenses', default_code: 'EXP_GEN' });
  insert(env, 'hr.employee', { name: 'Marc Demo', work_email: 'mark.brown23@example.com', user_id: 2 });
}
