/**
 * The connection check's report in plain words: one line per part, what works and what does not,
 * and what that means for calls.
 */
import { ConnectivityReason, type CheckResult, type ConnectivityReport } from '@zvonok/sdk';
import { ct, type SecurityMessageKey } from './messages';

/** One line of the result list. */
export interface ReportLine {
  readonly part: 'signaling' | 'stun' | 'turn';
  readonly status: CheckResult['status'];
  readonly text: string;
}

function notChecked(what: SecurityMessageKey): string {
  return ct('notChecked', { what: ct(what) });
}

function stunText(r: CheckResult): string {
  if (r.reason === ConnectivityReason.SignalingFailed) return notChecked('directConnections');
  if (r.status === 'ok') return ct('stunOk');
  if (r.reason === ConnectivityReason.NotConfigured) return ct('stunNotConfigured');
  return ct('stunFailed');
}

function turnText(r: CheckResult): string {
  if (r.reason === ConnectivityReason.SignalingFailed) return notChecked('relay');
  if (r.status === 'ok') return ct('turnOk');
  if (r.reason === ConnectivityReason.NotConfigured) return ct('turnNotConfigured');
  if (r.reason === ConnectivityReason.Rejected) return ct('turnRejected');
  return ct('turnUnreachable');
}

/** The lines to show for a report, in order: server, direct connections, relay. */
export function describeReport(report: ConnectivityReport): ReportLine[] {
  return [
    {
      part: 'signaling',
      status: report.signaling.status,
      text: report.signaling.status === 'ok' ? ct('signalingOk') : ct('signalingFailed'),
    },
    { part: 'stun', status: report.stun.status, text: stunText(report.stun) },
    { part: 'turn', status: report.turn.status, text: turnText(report.turn) },
  ];
}
