/**
 * CloudAdapter builds a new ConnectorClient and UserTokenClient (each an @azure/core-rest-pipeline
 * pipeline) for every turn, even when the replies go back in the HTTP response and neither is used:
 * a fifth of a turn's CPU in our profile. This wrapper keeps them, keyed by app id, service URL and
 * audience, as the older BotFrameworkAdapter did (its `connectorClients` map). Authentication itself is
 * untouched: every request is still validated by the wrapped instance (any failure to is a 401).
 */
import {
  AuthenticationError,
  BotFrameworkAuthentication,
  ConnectorFactory,
  JwtTokenValidation,
  type AuthenticateRequestResult,
  type BotFrameworkClient,
  type ClaimsIdentity,
  type ConnectorClient,
  type UserTokenClient,
} from 'botframework-connector';
import { StatusCodes, type Activity } from 'botbuilder';

/** Service URLs come from callers, so the cache is bounded; the oldest entry goes first. */
export const MAX_CACHED_CLIENTS = 256;

/** Promises of clients by key. A promise that rejects (e.g. no token could be had) is not kept. */
class BoundedCache<V> {
  private readonly entries = new Map<string, Promise<V>>();
  constructor(private readonly limit: number) {}

  getOrCreate(key: string, create: () => Promise<V>): Promise<V> {
    const found = this.entries.get(key);
    if (found !== undefined) return found;
    const value = create();
    if (this.entries.size >= this.limit) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, value);
    value.catch(() => {
      if (this.entries.get(key) === value) this.entries.delete(key);
    });
    return value;
  }

  get size(): number {
    return this.entries.size;
  }
}

function appIdOf(claims: ClaimsIdentity): string {
  return (claims.isAuthenticated && JwtTokenValidation.getAppIdFromClaims(claims.claims)) || '';
}

class CachedConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly inner: ConnectorFactory,
    private readonly appId: string,
    private readonly clients: BoundedCache<ConnectorClient>,
  ) {
    super();
  }

  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    return this.clients.getOrCreate(`${this.appId}\n${serviceUrl}\n${audience ?? ''}`, () => this.inner.create(serviceUrl, audience));
  }
}

export class CachingBotFrameworkAuthentication extends BotFrameworkAuthentication {
  private readonly connectorClients = new BoundedCache<ConnectorClient>(MAX_CACHED_CLIENTS);
  private readonly userTokenClients = new BoundedCache<UserTokenClient>(MAX_CACHED_CLIENTS);

  constructor(private readonly inner: BotFrameworkAuthentication) {
    super();
  }

  /** How many connector clients are kept (for tests). */
  get cachedConnectorClients(): number {
    return this.connectorClients.size;
  }

  /**
   * Any failure to authenticate is a 401: a forged or expired token, and also signing keys that could
   * not be fetched (botbuilder says 500 for that, and the caller is no more known for it).
   */
  async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    let result: AuthenticateRequestResult;
    try {
      result = await this.inner.authenticateRequest(activity, authHeader);
    } catch (error) {
      throw new AuthenticationError(`not authenticated (${(error as Error).name})`, StatusCodes.UNAUTHORIZED);
    }
    return { ...result, connectorFactory: result.connectorFactory && this.wrap(result.connectorFactory, result.claimsIdentity) };
  }

  async authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    const result = await this.inner.authenticateStreamingRequest(authHeader, channelIdHeader);
    return { ...result, connectorFactory: result.connectorFactory && this.wrap(result.connectorFactory, result.claimsIdentity) };
  }

  createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.wrap(this.inner.createConnectorFactory(claimsIdentity), claimsIdentity);
  }

  createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.userTokenClients.getOrCreate(appIdOf(claimsIdentity), () => this.inner.createUserTokenClient(claimsIdentity));
  }

  override createBotFrameworkClient(): BotFrameworkClient {
    return this.inner.createBotFrameworkClient();
  }

  override getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }

  override authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.inner.authenticateChannelRequest(authHeader);
  }

  private wrap(factory: ConnectorFactory, claims: ClaimsIdentity): ConnectorFactory {
    return new CachedConnectorFactory(factory, appIdOf(claims), this.connectorClients);
  }
}
