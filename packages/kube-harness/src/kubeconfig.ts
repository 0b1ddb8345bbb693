/** How to reach a control plane: all a client needs. */
export interface ControlPlaneConnection {
  /** `https://127.0.0.1:<port>` */
  url: string;
  /** A bearer token of a user in `system:masters`. */
  adminToken: string;
  /** Base64 of the PEM of the CA that signed the apiserver's serving certificate. */
  caData: string;
  /**
   * A kubeconfig (YAML) with the CA: for the admin by default, or for `token`
   * (any bearer token: a static user's, a ServiceAccount's), named `user`.
   */
  kubeConfigYaml(opts?: { token?: string; user?: string }): string;
}

/** YAML double-quoted scalars are JSON strings. */
const q = (value: string) => JSON.stringify(value);

export function kubeConfigYamlFor(
  connection: { url: string; adminToken: string; caData: string },
  opts: { token?: string; user?: string } = {},
): string {
  const token = opts.token ?? connection.adminToken;
  const user = opts.user ?? (opts.token === undefined ? 'admin' : 'token-user');
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '  - name: kube-harness',
    '    cluster:',
    `      server: ${q(connection.url)}`,
    `      certificate-authority-data: ${q(connection.caData)}`,
    'users:',
    `  - name: ${q(user)}`,
    '    user:',
    `      token: ${q(token)}`,
    'contexts:',
    '  - name: kube-harness',
    '    context:',
    '      cluster: kube-harness',
    `      user: ${q(user)}`,
    'current-context: kube-harness',
    '',
  ].join('\n');
}

export function connectionOf(data: {
  url: string;
  adminToken: string;
  caData: string;
}): ControlPlaneConnection {
  const { url, adminToken, caData } = data;
  return {
    url,
    adminToken,
    caData,
    kubeConfigYaml: opts =>
      kubeConfigYamlFor({ url, adminToken, caData }, opts),
  };
}
