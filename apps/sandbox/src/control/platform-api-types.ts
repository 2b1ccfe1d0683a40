/** The answer to a decision of the control API on a platform process, with the push it caused (when a URL is set). */
export interface PlatformDecisionResult {
  /** The state now (face status, filing state, apply status, procedure status, audit status …). */
  status: number;
  push?: { ok: boolean; status?: number; error?: string };
}

/** A fast registration task (`GET /sandbox/fast-register/tasks`). */
export interface RegistrationTaskView {
  taskId: string;
  kind: 'enterprise' | 'personal' | 'beta';
  name: string;
  /** 0 created, 1 timed out, 2 refused, 11 failed, 12 created. */
  status: number;
  appId?: string;
}

/** `POST /sandbox/fast-register/tasks/:taskId`. */
export interface RegistrationDecisionInput {
  decision: 'approve' | 'refuse';
  /** The `status` of the failure push (default 100001). */
  status?: number;
}

/** `POST /sandbox/fast-register/tasks/:taskId` result. */
export interface RegistrationDecisionResult {
  status: number;
  appId?: string;
  authCode?: string;
  /** How many pushes were made. */
  pushes: number;
}
