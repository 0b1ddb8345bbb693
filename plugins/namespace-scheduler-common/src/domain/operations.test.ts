import { keepsAwake, putsToSleep } from './operations';

describe('keepsAwake and putsToSleep', () => {
  it.each([
    [{ operation: 'wake' } as const, true],
    [{ operation: 'sleep' } as const, false],
    [{ operation: 'scale', replicas: 3 } as const, true],
    [{ operation: 'scale', replicas: 1 } as const, true],
    [{ operation: 'scale', replicas: 0 } as const, false],
    // Replicas mean nothing to a wake or a sleep.
    [{ operation: 'sleep', replicas: 3 } as const, false],
    [{ operation: 'wake', replicas: 0 } as const, true],
  ])('%j keeps the namespace awake: %s', (change, awake) => {
    expect(keepsAwake(change)).toBe(awake);
    expect(putsToSleep(change)).toBe(!awake);
  });

  it('reads a scale without replicas (invalid input) as keeping the namespace awake', () => {
    // The copies disagreed here: `(replicas ?? 0) > 0` read it as a sleep,
    // `replicas === 0` as a wake. Awake is the reading that grants nothing.
    expect(keepsAwake({ operation: 'scale' })).toBe(true);
    expect(putsToSleep({ operation: 'scale' })).toBe(false);
    expect(keepsAwake({ operation: 'scale', replicas: Number('x') })).toBe(
      true,
    );
  });
});
