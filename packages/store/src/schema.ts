
/** Kysely's view of the tables; JSON is stored as text, times as epoch ms. */
export interface Database {
  flows: { id: string; name: string; current_version: number; max_concurrency: number | null; created_at: number; updated_at: number; published_version: number | null; owner: string | null };
  flow_reviews: { id: string; flow_id: string; version: number; status: string; submitted_by: string; submitted_at: number; comment: string | null; decided_by: string | null; decided_at: number | null; decision_comment: string | null };
  flow_versions: { flow_id: string; version: number; hash: string; document: string; created_at: number; created_by: string | null };
  runs: {
    id: string; flow_id: string; flow_version: number; status: string; input: string | null; output: string | null; error: string | null;
    error_signature: string | null; trigger: string; business_key: string | null; idempotency_key: string | null; replay_of: string | null;
    root_run_id: string; replay_from: string | null; replay_input: string | null; created_at: number; started_at: number | null;
    finished_at: number | null; deadline_at: number | null; next_due_at: number | null; lease_owner: string | null; lease_expires_at: number | null;
    /** Set when retention dropped the payloads (0005). */
    pruned_at: number | null;
  };
  steps: {
    id: string; run_id: string; node_id: string; seq: number; status: string; input: string | null; output: string | null; port: string | null;
    error: string | null; attempts: number; next_attempt_at: number | null; resume: string | null; reused: number; created_at: number;
    started_at: number | null; finished_at: number | null;
  };
  attempts: { step_id: string; number: number; run_id: string; status: string; started_at: number; finished_at: number | null; error: string | null; logs: string };
  users: { username: string; password_hash: string; roles: string; must_change_password: number; disabled: number; created_at: number };
  sessions: { token_hash: string; username: string; csrf: string; created_at: number; expires_at: number };
  api_tokens: { id: string; name: string; token_hash: string; roles: string; created_by: string; created_at: number; last_used_at: number | null; revoked_at: number | null };
  connections: { name: string; type: string; settings: string; secret: string; created_at: number; updated_at: number };
  approvals: {
    id: string; run_id: string; step_id: string; node_id: string; flow_id: string; status: string; approvers: string; message: string; data: string | null;
    submitted_by: string | null; decided_by: string | null; decision: string | null; comment: string | null; shown_hash: string; created_at: number;
    decided_at: number | null; expires_at: number | null;
    level: number; level_count: number; quorum: number; escalated: number; decisions: string | null; submitters: string | null; fields: string | null; amount: string | null;
  };
  schedules: {
    flow_id: string; cron: string; timezone: string; active: number; missed: string; starts_at: number | null; ends_at: number | null;
    last_fire_at: number | null; updated_at: number; updated_by: string | null;
    /** JSON working-day rule (0004); null for cron schedules. */
    business_days: string | null;
    /** Fires before this instant are never run (0004). */
    armed_at: number | null;
  };
  schedule_fires: { flow_id: string; fire_at: number; run_id: string | null; created_at: number };
  audit_log: { seq: number; at: number; actor: string; action: string; target: string | null; detail: string | null; prev_hash: string; hash: string };
  kv: { key: string; value: string };
  run_totals: { run_id: string; name: string; value: string };
}
