import { type Activity, CallerIdConstants, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { type AuthenticateRequestResult, AuthenticationConstants, AuthenticationError } from 'botframework-connector';
import type { Logger } from 'pino';
import type { Config } from '../config.js';

/**
 * Bot Framework JWT validation that fails closed and quietly: every failure (expired, wrong audience, unknown key,
 * bad signature, missing header, serviceurl claim mismatch) becomes a plain 401, and the reason goes to the log only.
 * The library itself answers some of these with a 500 and its own message text.
 */
export class StrictAuthentication extends ConfigurationBotFrameworkAuthentication {
  constructor(
    auth: Config['auth'],
    private readonly logger: Logger,
  ) {
    super(withCloudDefaults(auth));
  }

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    try {
      return await super.authenticateRequest(activity, authHeader);
    } catch (error) {
      this.logger.warn(
        { reason: (error as Error).message, channelId: activity.channelId, activityType: activity.type },
        'request not authenticated',
      );
      throw new AuthenticationError('Unauthorized', 401);
    }
  }
}

/**
 * The library treats one overridden endpoint as "all are given": fill the rest with the public cloud's values so
 * overriding only the OpenID metadata (a sovereign cloud's or a test's) keeps everything else working.
 */
function withCloudDefaults(auth: Config['auth']): Record<string, string | boolean> {
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
