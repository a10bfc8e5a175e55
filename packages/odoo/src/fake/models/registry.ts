import type { ModelDef } from '../model-types';
import { accountMoveModels } from './account-move';
import { accountAccount, accountAnalyticAccount, accountAnalyticPlan, accountJournal, accountPayment, accountTax } from './account-models';
import { baseModels } from './base-models';
import { hrEmployee, hrExpense, hrExpenseSheet } from './hr-models';

/** The models a fake server of `version` has, by name. */
export function buildModels(version: number): Map<string, ModelDef> {
  const models: ModelDef[] = [
    ...baseModels,
    accountAccount,
    accountJournal,
    accountTax,
    accountAnalyticPlan,
    accountAnalyticAccount,
    accountPayment(version),
    ...accountMoveModels,
    hrEmployee,
    hrExpense(version),
    // 18.2 removed expense reports ("Bye Bye reports").
    ...(version < 19 ? [hrExpenseSheet(version)] : []),
  ];
  return new Map(models.map((model) => [model.name, model]));
}
