import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** Credentials an identity signs with, and who it is. */
export interface AwsIdentity {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  arn: string;
}

/** A call the fake STS answered (or refused). */
export interface StsCall {
  action: string | null;
  /** The access key id the call was signed with (from its Authorization header). */
  signedBy: string | undefined;
  params: Record<string, string>;
}

const XMLNS = 'https://sts.amazonaws.com/doc/2011-06-15/';

/**
 * A stand-in for AWS STS on loopback HTTP (point AWS_ENDPOINT_URL_STS at
 * `url`): GetCallerIdentity, and AssumeRole of `role` when the call is signed
 * by `caller` and carries the role's external id, handing out temporary
 * credentials that `issued` keeps.
 */
export async function startFakeSts(options: {
  caller: AwsIdentity;
  role: { arn: string; externalId: string };
}) {
  const calls: StsCall[] = [];
  const issued = new Map<string, AwsIdentity>();
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', chunk => {
      body += chunk;
    });
    req.on('end', () => {
      const params = Object.fromEntries(new URLSearchParams(body));
      const signedBy = /Credential=([^/]+)\//.exec(
        req.headers.authorization ?? '',
      )?.[1];
      calls.push({ action: params.Action ?? null, signedBy, params });
      res.setHeader('content-type', 'text/xml');
      if (signedBy !== options.caller.accessKeyId) {
        fail(
          res,
          403,
          'InvalidClientTokenId',
          'The security token included in the request is invalid.',
        );
        return;
      }
      if (params.Action === 'GetCallerIdentity') {
        const account = options.caller.arn.split(':')[4];
        res.end(
          `<GetCallerIdentityResponse xmlns="${XMLNS}"><GetCallerIdentityResult>` +
            `<Arn>${options.caller.arn}</Arn><UserId>AIDACALLER</UserId><Account>${account}</Account>` +
            `</GetCallerIdentityResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
        );
        return;
      }
      if (params.Action !== 'AssumeRole') {
        fail(res, 400, 'InvalidAction', `unexpected action ${params.Action}`);
        return;
      }
      if (params.RoleArn !== options.role.arn) {
        fail(
          res,
          403,
          'AccessDenied',
          `not authorized to perform sts:AssumeRole on ${params.RoleArn}`,
        );
        return;
      }
      if (params.ExternalId !== options.role.externalId) {
        fail(res, 403, 'AccessDenied', 'external id does not match');
        return;
      }
      const identity: AwsIdentity = {
        accessKeyId: `ASIA${randomBytes(8).toString('hex').toUpperCase()}`,
        secretAccessKey: randomBytes(20).toString('base64'),
        sessionToken: randomBytes(32).toString('base64'),
        arn: `${options.role.arn
          .replace(':iam:', ':sts:')
          .replace(':role/', ':assumed-role/')}/${params.RoleSessionName}`,
      };
      issued.set(identity.accessKeyId, identity);
      const expiration = new Date(Date.now() + 3_600_000).toISOString();
      res.end(
        `<AssumeRoleResponse xmlns="${XMLNS}"><AssumeRoleResult><Credentials>` +
          `<AccessKeyId>${identity.accessKeyId}</AccessKeyId><SecretAccessKey>${identity.secretAccessKey}</SecretAccessKey>` +
          `<SessionToken>${identity.sessionToken}</SessionToken><Expiration>${expiration}</Expiration>` +
          `</Credentials><AssumedRoleUser><Arn>${identity.arn}</Arn><AssumedRoleId>AROAROLE:${params.RoleSessionName}</AssumedRoleId>` +
          `</AssumedRoleUser></AssumeRoleResult><ResponseMetadata><RequestId>2</RequestId></ResponseMetadata></AssumeRoleResponse>`,
      );
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    issued,
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}

function fail(
  res: http.ServerResponse,
  status: number,
  code: string,
  message: string,
) {
  res.statusCode = status;
  res.end(
    `<ErrorResponse xmlns="${XMLNS}"><Error><Type>Sender</Type><Code>${code}</Code>` +
      `<Message>${message}</Message></Error><RequestId>3</RequestId></ErrorResponse>`,
  );
}
