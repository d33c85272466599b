const PALETTE = ['#1c7ed6', '#2f9e44', '#e8590c', '#ae3ec9', '#0c8599', '#f08c00', '#d6336c', '#5c940d'];

/** One colour per service, the same for a service every time. */
export function serviceColor(services: string[], service: string): string {
  const index = [...services].sort().indexOf(service);
  return PALETTE[(index < 0 ? 0 : index) % PALETTE.length] ?? '#1c7ed6';
}
