/**
 * Tamper evidence on the page: the flight's seal (its hash and when it was sealed) and two buttons
 * that ask the server to check again — this flight's raw log and records against its seal, or the
 * whole chain of the corridor's seals. Verifying reads only, so regulators have the buttons too.
 * The answer is shown as it came: ok, or each problem with the flight it concerns.
 */
import type { FlightView, GrantView, VerificationView } from '../server/contracts/index.ts';
import { createElement } from './create-element.ts';
import { formatUtc, shortHash } from './review-format.ts';
import type { ReviewApi } from './review-api.ts';

/** Whether `grants` may verify corridor `corridorId`'s whole chain: admins, and its operators and regulators. Throws nothing. */
export const canVerifyCorridor = (grants: readonly GrantView[], corridorId: string | null) =>
  corridorId !== null && grants.some((grant) => grant.role === 'admin' || ((grant.role === 'operator' || grant.role === 'regulator') && grant.corridorId === corridorId));

type Outcome = { ok: boolean; text: string; problems: VerificationView['problems']; notes?: VerificationView['notes'] };

function showOutcome(output: HTMLElement, outcome: Outcome): void {
  output.dataset.ok = String(outcome.ok);
  output.replaceChildren(
    createElement('p', { className: 'verify-verdict', text: outcome.text }),
    ...(outcome.problems.length > 0 ? [createElement('ul', { className: 'verify-problems' }, outcome.problems.map((problem) =>
      createElement('li', { data: { flightId: problem.flightId } }, [
        createElement('a', { text: `flight ${shortHash(problem.flightId)}`, attrs: { href: `#flights/${problem.flightId}` } }), `: ${problem.problem}`,
      ])))] : []),
    // What could not be checked, and why (telemetry past the retention setting): said, not hidden.
    ...((outcome.notes ?? []).length > 0 ? [createElement('ul', { className: 'verify-notes' }, (outcome.notes ?? []).map((note) =>
      createElement('li', { data: { flightId: note.flightId } }, [
        createElement('a', { text: `flight ${shortHash(note.flightId)}`, attrs: { href: `#flights/${note.flightId}` } }), `: ${note.note}`,
      ])))] : []),
  );
}

/** Run `check` from `button`, showing its outcome (or the server's refusal) in `output`. */
function wire(button: HTMLButtonElement, output: HTMLElement, check: () => Promise<Outcome>): void {
  button.addEventListener('click', () => {
    button.disabled = true;
    output.dataset.ok = '';
    output.textContent = 'Verifying…';
    check().then(
      (outcome) => showOutcome(output, outcome),
      (error: unknown) => showOutcome(output, { ok: false, text: `Could not verify: ${error instanceof Error ? error.message : String(error)}`, problems: [] }),
    ).finally(() => void (button.disabled = false));
  });
}

/**
 * Fill `host` with the seal of `flight` and its Verify buttons; the corridor's chain is offered
 * only when `canVerifyCorridor` (its operators, regulators and admins: the chain spans partners).
 */
export function showFlightVerify(host: HTMLElement, api: ReviewApi, flight: FlightView, canVerifyCorridor: boolean): void {
  const seal = flight.seal
    ? createElement('p', { className: 'seal' }, ['Sealed ', formatUtc(flight.seal.sealedAtMs), ' — hash ', createElement('code', { text: flight.seal.hash, attrs: { id: 'flight-seal-hash' } })])
    : createElement('p', { className: 'seal', text: flight.endedAtMs === null ? 'Not sealed yet: the flight is still open.' : 'Not sealed.' });
  const verifyFlight = createElement('button', { text: 'Verify flight', attrs: { id: 'verify-flight', type: 'button' } });
  const verifyCorridor = createElement('button', { text: 'Verify corridor', attrs: { id: 'verify-corridor', type: 'button' } });
  verifyCorridor.hidden = flight.corridorId === null || !canVerifyCorridor;
  const flightOutput = createElement('div', { className: 'verify-result', attrs: { id: 'verify-flight-result', role: 'status' } });
  const corridorOutput = createElement('div', { className: 'verify-result', attrs: { id: 'verify-corridor-result', role: 'status' } });
  host.replaceChildren(seal, createElement('div', { className: 'verify-buttons' }, [verifyFlight, verifyCorridor]), flightOutput, corridorOutput);

  wire(verifyFlight, flightOutput, async () => {
    const result = await api.verifyFlight(flight.id);
    return { ok: result.ok, problems: result.problems, notes: result.notes, text: result.ok ? `Flight ok: its log and records match the seal ${shortHash(result.hash ?? '')}.` : `Flight NOT ok: ${result.problems.length} problem(s).` };
  });
  wire(verifyCorridor, corridorOutput, async () => {
    const result = await api.verifyCorridor(flight.corridorId!);
    const count = result.flightsChecked ?? 0;
    const checked = `${count} flight${count === 1 ? '' : 's'} checked`;
    return { ok: result.ok, problems: result.problems, notes: result.notes, text: result.ok ? `Corridor ok: ${checked}, chain head ${shortHash(result.headHash ?? '')}.` : `Corridor NOT ok: ${checked}, ${result.problems.length} problem(s).` };
  });
}
