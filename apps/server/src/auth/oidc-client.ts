import * as client from 'openid-client';

/** Single sign-on settings; present only when OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are set. */
export interface OidcSettings {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** A login older than this does not sign: signing asks the provider for a new one. */
  readonly signMaxAgeSeconds: number;
}

/** What the provider asserted about the person who logged in. */
export interface AssertedIdentity {
  readonly issuer: string;
  readonly subject: string;
  readonly email: string;
  /** Seconds since the epoch when the person last authenticated at the provider. */
  readonly authTime: number;
}

/** What a login flow must remember between the redirect to the provider and the way back. */
export interface FlowChecks {
  readonly verifier: string;
  readonly state: string;
  readonly nonce: string;
  /** Sent as `max_age`; the ID token's `auth_time` is checked against it. */
  readonly maxAge: number | undefined;
}

/**
 * The relying party: authorization code flow with PKCE (S256), state and nonce, against the configured
 * issuer (discovered once, lazily, so the server starts while the provider is away). A plain-http issuer
 * is accepted only on a loopback address (tests, local development).
 */
export class OidcClient {
  private configuration: Promise<client.Configuration> | undefined;

  constructor(readonly settings: OidcSettings) {}

  private config(): Promise<client.Configuration> {
    const issuer = new URL(this.settings.issuer);
    const loopback = issuer.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname);
    this.configuration ??= client.discovery(
      issuer,
      this.settings.clientId,
      undefined,
      client.ClientSecretPost(this.settings.clientSecret),
      loopback ? { execute: [client.allowInsecureRequests] } : undefined,
    );
    // A provider that was down must be asked again next time, not remembered as failed.
    this.configuration.catch(() => {
      this.configuration = undefined;
    });
    return this.configuration;
  }

  /** The provider's authorization URL for one flow, and the checks to keep for the way back. */
  async start(
    redirectUri: string,
    options: { freshLogin: boolean; loginHint?: string },
  ): Promise<{ url: string; checks: FlowChecks }> {
    const config = await this.config();
    const verifier = client.randomPKCECodeVerifier();
    const checks: FlowChecks = {
      verifier,
      state: client.randomState(),
      nonce: client.randomNonce(),
      maxAge: options.freshLogin ? 0 : undefined,
    };
    const parameters: Record<string, string> = {
      redirect_uri: redirectUri,
      scope: 'openid email',
      response_type: 'code',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state: checks.state,
      nonce: checks.nonce,
      ...(options.freshLogin ? { max_age: '0', prompt: 'login' } : {}),
      ...(options.loginHint ? { login_hint: options.loginHint } : {}),
    };
    return { url: client.buildAuthorizationUrl(config, parameters).href, checks };
  }

  /** Redeems the code the provider sent back and returns the identity its ID token asserts. */
  async finish(currentUrl: URL, checks: FlowChecks): Promise<AssertedIdentity> {
    const config = await this.config();
    const tokens = await client.authorizationCodeGrant(config, currentUrl, {
      pkceCodeVerifier: checks.verifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      ...(checks.maxAge !== undefined ? { maxAge: checks.maxAge } : {}),
    });
    const claims = tokens.claims();
    if (!claims) throw new Error('the provider returned no ID token');
    let email = typeof claims.email === 'string' ? claims.email : '';
    // Providers may keep the ID token minimal and give the e-mail at the userinfo endpoint only.
    if (email === '') {
      const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
      email = typeof info.email === 'string' ? info.email : '';
    }
    return {
      issuer: claims.iss,
      subject: claims.sub,
      email,
      authTime: typeof claims.auth_time === 'number' ? claims.auth_time : 0,
    };
  }
}
