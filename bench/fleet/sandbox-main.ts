// The sandbox of the fleet benchmark, in its own process: reviewers approve every audit at once and push it.
import 'reflect-metadata';
import { serveSandbox } from '../lib/entry-points.js';

await serveSandbox({ ticketIntervalSeconds: 0, seedAccounts: false, auditSeconds: 0.001 });
