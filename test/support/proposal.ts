/** A general proposal for circulation by silence, due in ten minutes: the decision tests' plainest process with tasks. */
export function generalProposal(title: string) {
  return {
    kind: 'general',
    title,
    text: 'As circulated',
    payload: {},
    deadline: new Date(Date.now() + 10 * 60_000).toISOString(),
  };
}
