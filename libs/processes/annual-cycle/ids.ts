/** Workflow ids come from business keys (STYLE 6): starting the same one twice is a conflict, not a second process. */
export function annualCycleWorkflowId(network: string, year: number): string {
  return `annual-cycle:${network}:${year}`;
}
