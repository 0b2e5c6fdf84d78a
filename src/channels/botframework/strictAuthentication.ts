import { type Activity, CallerIdConstants, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { type AuthenticateRequestResult, AuthenticationConstants, AuthenticationError } from 'botframework-connector';
import type { Logger } from 'pino';
import { forgetStrayTenant, IssuerPrecheck } from './issuerPrecheck.js';

/** The Bot Framework authentication settings, as the library names them (src/config.ts reads them). */
export interface BotAuthSettings {
  /** Empty in local mode: no token is read at all. */
  MicrosoftAppId: string;
  MicrosoftAppPassword: string;
  MicrosoftAppType: string;
  MicrosoftAppTenantId: string;
  /** Overrides of the public cloud's OpenID metadata (see src/environment.ts); unset means the default. */
  ToBotFromChannelOpenIdMetadataUrl?: string;
  ToBotFromEmulatorOpenIdMetadataUrl?: string;
}

/**
 * Bot Framework JWT validation that fails closed and quietly: every failure (expired, wrong audience, unknown key,
 * bad signature, missing header, serviceurl claim mismatch) becomes a plain 401, and the reason goes to the log only.
 * The library itself answers some of these with a 500 and its own message text. A token whose issuer no configuration
 * of the bot accepts is refused before the library sees it (see {@link IssuerPrecheck}).
 */
export class StrictAuthentication extends ConfigurationBotFrameworkAuthentication {
  /** Null in local mode, where the library reads no token at all. */
  private readonly precheck: IssuerPrecheck | null;

  constructor(
    auth: BotAuthSettings,
    private readonly logger: Logger,
  ) {
    super(withCloudDefaults(auth));
    // after super(): it sets the App Service Environment channel's issuers the precheck reads
    this.precheck = auth.MicrosoftAppId ? new IssuerPrecheck(auth.MicrosoftAppTenantId) : null;
  }

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    // a token no configuration could accept never reaches the library, whose issuer list grew with each
    // (docs/security.md 42)
    const precheck = this.precheck?.check(authHeader) ?? { ok: true, strayTenant: null };
    if (!precheck.ok) throw this.unauthorized(activity, precheck.reason);
    try {
      return await super.authenticateRequest(activity, authHeader);
    } catch (error) {
      throw this.unauthorized(activity, (error as Error).message);
    } finally {
      if (precheck.strayTenant !== null) forgetStrayTenant(precheck.strayTenant);
    }
  }

  private unauthorized(activity: Activity, reason: string): AuthenticationError {
    this.logger.warn(
      { reason, channelId: activity.channelId, activityType: activity.type },
      'request not authenticated',
    );
    return new AuthenticationError('Unauthorized', 401);
  }
}

/**
 * The library treats one overridden endpoint as "all are given": fill the rest with the public cloud's values so
 * overriding only the OpenID metadata (a sovereign cloud's or a test's) keeps everything else working.
 */
function withCloudDefaults(auth: BotAuthSettings): Record<string, string | boolean> {
  if (!auth.ToBotFromChannelOpenIdMetadataUrl && !auth.ToBotFromEmulatorOpenIdMetadataUrl) return { ...auth };
  return {
    ...auth,
    ValidateAuthority: true,
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
    ToBotFromChannelOpenIdMetadataUrl:
      auth.ToBotFromChannelOpenIdMetadataUrl ?? AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl:
      auth.ToBotFromEmulatorOpenIdMetadataUrl ?? AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
  };
}
