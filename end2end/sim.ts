// The simulator's control path (`/sim/...`, docs/simulator.md), shared by the tests, the
// benchmarks and the resilience runs.

/// Puts the simulator back into its healthy start state (optionally with a fail-over that
/// awaits confirmation, or with faults that hold from the start).
export async function simReset(sim: string, options: object = {}) {
  const r = await fetch(`${sim}/sim/reset`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(options),
  });
  if (!r.ok) throw new Error(`reset: ${r.status} ${await r.text()}`);
}

/// Injects a fault.
export async function simEvent(sim: string, event: object) {
  const r = await fetch(`${sim}/sim/event`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(event),
  });
  if (!r.ok) throw new Error(`inject ${JSON.stringify(event)}: ${r.status} ${await r.text()}`);
}

/// The simulator's truth (`GET /sim/state`).
export async function simTruth(sim: string): Promise<any> {
  const r = await fetch(`${sim}/sim/state`);
  if (!r.ok) throw new Error(`state: ${r.status}`);
  return await r.json();
}
