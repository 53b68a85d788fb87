/**
 * Import this FIRST in every worker that evaluates learner code: it locks the realm down (SES)
 * before any other module runs, so learner code is evaluated in compartments (see hardened.ts).
 */
import 'ses';
import { lockdownRealm } from './hardened';

lockdownRealm();
