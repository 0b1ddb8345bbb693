type Matcher = {
  name: string;
  value: string;
  isRegex: boolean;
  isEqual: boolean;
};

export type NewSilence = {
  matchers: Matcher[];
  startsAt: Date;
  endsAt: Date;
  createdBy: string;
  comment: string;
};

/** The two calls of Alertmanager's v2 API the silences need. */
export class AlertmanagerClient {
  static create(options: { url: string; timeoutMs: number }) {
    return new AlertmanagerClient(options.url, options.timeoutMs);
  }

  private constructor(
    private readonly url: string,
    private readonly timeoutMs: number,
  ) {}

  /** Creates a silence and returns its id. */
  async createSilence(silence: NewSilence): Promise<string> {
    const response = await this.call('POST', '/api/v2/silences', {
      json: {
        ...silence,
        startsAt: silence.startsAt.toISOString(),
        endsAt: silence.endsAt.toISOString(),
      },
    });
    const body: unknown = await response.json();
    if (!hasSilenceId(body)) {
      throw new Error('Alertmanager answered without a silenceID');
    }
    return body.silenceID;
  }

  /** Expires a silence now. An unknown id (already expired or purged) is fine. */
  async expireSilence(id: string): Promise<void> {
    await this.call('DELETE', `/api/v2/silence/${encodeURIComponent(id)}`, {
      allowNotFound: true,
    });
  }

  private async call(
    method: 'POST' | 'DELETE',
    path: string,
    options: { json?: object; allowNotFound?: boolean },
  ): Promise<Response> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: options.json && JSON.stringify(options.json),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (response.ok || (options.allowNotFound && response.status === 404)) {
      return response;
    }
    const text = (await response.text()).slice(0, 200);
    throw new Error(
      `Alertmanager ${method} ${path} answered ${response.status}: ${text}`,
    );
  }
}

function hasSilenceId(body: unknown): body is { silenceID: string } {
  return (
    typeof body === 'object' &&
    body !== null &&
    'silenceID' in body &&
    typeof body.silenceID === 'string'
  );
}
