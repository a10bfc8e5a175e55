import { modelOf } from '../field-access';
import type { FakeEnv, MethodDef, ModelDef } from '../model-types';
import { odooRaise } from '../odoo-exception';
import { createRecord, writeRecords } from '../orm-write';
import { defineModel, field, mainCompany, num, today } from './define-model';

/** `hr.employee`. */
export const hrEmployee = defineModel({
  name: 'hr.employee',
  description: 'Employee',
  order: 'name',
  fields: {
    name: field.char('Employee Name', { required: true }),
    work_email: field.char('Work Email'),
    user_id: field.many2one('User', 'res.users'),
    company_id: field.many2one('Company', 'res.company', { default: mainCompany }),
    active: field.active(),
  },
});

/** A state transition method returning None, as the expense workflow methods do. */
function transition(model: string, from: readonly string[], to: string, refusal: string): MethodDef {
  return {
    api: 'record',
    params: [],
    run: ({ env, ids }) => {
      for (const id of ids) {
        if (!from.includes(String(env.db.get(model, id)?.state))) throw odooRaise.userError(refusal);
        writeRecords(env, modelOf(env, model), [id], { state: to });
      }
      return null;
    },
  };
}

/** `hr.expense`: the amount field and the workflow moved between versions (reference §6.2). */
export function hrExpense(version: number): ModelDef {
  const states: ReadonlyArray<readonly [string, string]> = version >= 19
    ? [['draft', 'To Submit'], ['submitted', 'Submitted'], ['approved', 'Approved'], ['posted', 'Posted'], ['paid', 'Paid'], ['refused', 'Refused']]
    : [['draft', 'To Report'], ['reported', 'To Submit'], ['approved', 'Approved'], ['done', 'Paid'], ['refused', 'Refused']];
  const methods: Record<string, MethodDef> = version >= 19
    ? {
        action_submit: transition('hr.expense', ['draft'], 'submitted', 'You can only submit draft expenses.'),
        action_approve: transition('hr.expense', ['submitted'], 'approved', 'You can only approve submitted expenses.'),
        action_post: {
          api: 'record',
          params: [],
          run: ({ env, ids }) => {
            const expenses = ids.flatMap((id) => env.db.get('hr.expense', id) ?? []);
            // Employee-paid expenses open a wizard instead of posting.
            if (expenses.some((expense) => expense.payment_mode === 'own_account')) {
              return { type: 'ir.actions.act_window', res_model: 'hr.expense.post.wizard', view_mode: 'form', target: 'new' };
            }
            return transition('hr.expense', ['approved'], 'posted', 'You can only post approved expenses.').run({ env, model: modelOf(env, 'hr.expense'), ids, args: {} });
          },
        },
      }
    : {};
  return defineModel({
    name: 'hr.expense',
    description: 'Expense',
    order: 'date desc, id desc',
    fields: {
      name: field.char('Description', { required: true }),
      employee_id: field.many2one('Employee', 'hr.employee', { required: true }),
      product_id: field.many2one('Category', 'product.product'),
      date: field.date('Expense Date', { default: today }),
      quantity: field.float('Quantity', { default: () => 1 }),
      ...(version >= 17
        ? {
            total_amount_currency: field.monetary('Total'),
            total_amount: field.monetary('Total In Currency', { compute: (expense) => num(expense.total_amount_currency) }),
          }
        : { unit_amount: field.float('Unit Price'), total_amount: field.monetary('Total') }),
      payment_mode: field.selection('Paid By', [['own_account', 'Employee (to reimburse)'], ['company_account', 'Company']], { default: () => 'own_account' }),
      state: field.selection('Status', states, { default: () => 'draft', readonly: true }),
      currency_id: field.many2one('Currency', 'res.currency', { default: () => 1 }),
      company_id: field.many2one('Company', 'res.company', { default: mainCompany }),
      ...(version < 19 ? { sheet_id: field.many2one('Expense Report', 'hr.expense.sheet') } : {}),
    },
    methods,
  });
}

function postSheet(env: FakeEnv, ids: number[]): string {
  const sheets = modelOf(env, 'hr.expense.sheet');
  const created: number[] = [];
  for (const id of ids) {
    const sheet = env.db.get('hr.expense.sheet', id);
    if (sheet?.state !== 'approve') throw odooRaise.userError('You can only generate accounting entry for approved expense(s).');
    const total = env.db.all('hr.expense').filter((expense) => expense.sheet_id === id)
      .reduce((sum, expense) => sum + num(expense.total_amount_currency ?? expense.total_amount), 0);
    const moveId = createRecord(env, modelOf(env, 'account.move'), { move_type: 'in_receipt', ref: String(sheet.name), invoice_date: env.now().toISOString().slice(0, 10) });
    writeRecords(env, modelOf(env, 'account.move'), [moveId], { line_ids: [[0, 0, { name: String(sheet.name), price_unit: total, quantity: 1 }]], state: 'posted' });
    writeRecords(env, sheets, [id], { state: 'post', account_move_id: moveId });
    created.push(moveId);
  }
  // Odoo returns the created moves; a recordset serializes over JSON-RPC as its repr.
  return `account.move(${created.join(', ')}${created.length === 1 ? ',' : ''})`;
}

/** `hr.expense.sheet` (16–18): the report holding expenses; removed in 19. */
export function hrExpenseSheet(version: number): ModelDef {
  const approve = version === 16 ? 'approve_expense_sheets' : 'action_approve_expense_sheets';
  const post = version >= 18 ? 'action_sheet_move_post' : 'action_sheet_move_create';
  return defineModel({
    name: 'hr.expense.sheet',
    description: 'Expense Report',
    order: 'accounting_date desc, id desc',
    fields: {
      name: field.char('Expense Report Summary', { required: true }),
      employee_id: field.many2one('Employee', 'hr.employee', { required: true }),
      expense_line_ids: field.one2many('Expense Lines', 'hr.expense', 'sheet_id'),
      state: field.selection('Status', [['draft', 'Draft'], ['submit', 'Submitted'], ['approve', 'Approved'], ['post', 'Posted'], ['done', 'Done'], ['cancel', 'Refused']], { default: () => 'draft', readonly: true }),
      accounting_date: field.date('Accounting Date'),
      account_move_id: field.many2one('Journal Entry', 'account.move'),
      company_id: field.many2one('Company', 'res.company', { default: mainCompany }),
    },
    methods: {
      action_submit_sheet: transition('hr.expense.sheet', ['draft'], 'submit', 'You can only submit draft expense reports.'),
      [approve]: transition('hr.expense.sheet', ['submit'], 'approve', 'You can only approve submitted expense reports.'),
      [post]: { api: 'record', params: [], run: ({ env, ids }) => postSheet(env, ids) },
    },
  });
}
