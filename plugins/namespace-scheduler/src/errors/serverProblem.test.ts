import { ResponseError } from '@backstage/errors';
import { toServerProblem } from './serverProblem';

const responseError = (
  status: number,
  message: string,
  extra: Record<string, unknown> = {},
) =>
  ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'InputError', message, ...extra },
        response: { statusCode: status },
      }),
      { status, headers: { 'content-type': 'application/json' } },
    ),
  );

const lease = {
  operation: 'sleep',
  requested_by: 'user:default/alice',
  started_at: '2026-12-02T22:40:01.000Z',
  state: 'running',
};

describe('toServerProblem', () => {
  it('puts messages that name a field next to that field', async () => {
    const error = await responseError(
      400,
      'cron: must have five fields; except_dates.1: is not a calendar date; body.title must NOT have fewer than 1 characters',
    );
    expect(toServerProblem(error, ['cron', 'except_dates', 'title'])).toEqual({
      fields: {
        cron: 'must have five fields',
        except_dates: 'is not a calendar date',
        title: 'must NOT have fewer than 1 characters',
      },
    });
  });

  it('reads the validator naming a query parameter', async () => {
    const error = await responseError(
      400,
      'query.from must match format "date-time"',
    );
    expect(toServerProblem(error, ['from']).fields).toEqual({
      from: 'must match format "date-time"',
    });
  });

  it('keeps what names no field of the form as a titled error', async () => {
    const error = await responseError(
      409,
      'The window overlaps weekly schedule "Office" (s1) of sandbox/shop-dev; zone: unknown time zone "Mars/Base"',
    );
    expect(toServerProblem(error, ['zone'])).toEqual({
      fields: { zone: 'unknown time zone "Mars/Base"' },
      error: {
        title: 'Conflict',
        message:
          'The window overlaps weekly schedule "Office" (s1) of sandbox/shop-dev',
      },
    });
  });

  it('titles a 403 and reports errors that are not responses', async () => {
    const forbidden = await responseError(
      403,
      'namespace-scheduler.namespace.operate is not allowed',
    );
    expect(toServerProblem(forbidden, ['costCenter']).error?.title).toBe(
      'Not allowed',
    );
    expect(toServerProblem(new TypeError('Failed to fetch'), [])).toEqual({
      fields: {},
      error: { title: 'Request failed', message: 'Failed to fetch' },
    });
  });

  it('keeps the 409 of a busy namespace whole, with the operation holding it', async () => {
    // A namespace named like a field ("until") is not taken for one.
    const message =
      'until on sandbox is busy: a sleep requested by user:default/alice at 2026-12-02T22:40:01Z is in progress; try again when it ends';
    const error = await responseError(409, message, { operation: lease });
    expect(toServerProblem(error, ['until', 'costCenter'])).toEqual({
      fields: {},
      error: { title: 'The namespace is busy', message, operation: lease },
    });
  });

  it('titles a 409 of a namespace awaiting repair', async () => {
    const error = await responseError(409, 'shop-dev on sandbox needs repair', {
      operation: { ...lease, state: 'repair', reason: 'cluster unreachable' },
    });
    expect(toServerProblem(error, []).error?.title).toBe(
      'The namespace needs repair',
    );
  });

  it('treats a 409 without a well-formed operation as any conflict', async () => {
    const error = await responseError(
      409,
      'Schedule "Office hours" is already running now',
      {
        operation: 'sleep',
      },
    );
    expect(toServerProblem(error, [])).toEqual({
      fields: {},
      error: {
        title: 'Conflict',
        message: 'Schedule "Office hours" is already running now',
      },
    });
  });
});
