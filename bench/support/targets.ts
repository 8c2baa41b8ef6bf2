/** Where one figure stands against its target; a miss is information, not a failure. */
export interface TargetCheck {
  target: string;
  measured: string;
  met: boolean;
}

export function check(target: string, measured: string, met: boolean): TargetCheck {
  return { target, measured, met };
}

export function verdict(met: boolean): string {
  return met ? 'met' : 'MISSED';
}
