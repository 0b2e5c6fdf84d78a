import { resolve } from 'node:path';
import { expect } from 'chai';
import { ConfigError, loadConfig } from '../src/config.js';

const CWD = resolve('/srv/investor-bot');
const LOOPBACK = ['http://127.0.0.1', 'http://localhost', 'http://[::1]'];
const REGISTERED = { MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'not-a-secret' };

/** The ConfigError that `env` must cause. */
function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env, CWD);
  } catch (error) {
    expect(error).to.be.instanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('Config', () => {
  describe('when nothing is set', () => {
    it('listens on port 3978 of 127.0.0.1 in local mode', () => {
      const config = loadConfig({}, CWD);
      expect(config.port).to.equal(3978);
      expect(config.host).to.equal('127.0.0.1');
      expect(config.localMode).to.equal(true);
      expect(config.env).to.equal('development');
      expect(config.logLevel).to.equal('info');
    });

    it('replies to loopback channels only', () => {
      expect(loadConfig({}, CWD).allowedServiceUrls).to.deep.equal(LOOPBACK);
    });

    it('reads knowledge and templates from the working folder', () => {
      const config = loadConfig({}, CWD);
      expect(config.knowledgeDir).to.equal(resolve(CWD, 'knowledge'));
      expect(config.templatesDir).to.equal(resolve(CWD, 'templates'));
    });

    it('keeps the anonymous insight log for 90 days (docs/security.md 46)', () => {
      expect(loadConfig({}, CWD).insightRetentionDays).to.equal(90);
      expect(loadConfig({ INSIGHTS_RETENTION_DAYS: '30' }, CWD).insightRetentionDays).to.equal(30);
    });

    it('runs 8 lead deliveries at once, so one hanging receiver holds back none of the rest (docs/security.md 45)', () => {
      expect(loadConfig({}, CWD).leads.concurrency).to.equal(8);
      expect(loadConfig({ LEADS_DELIVERY_CONCURRENCY: '2' }, CWD).leads.concurrency).to.equal(2);
    });
  });

  describe('when settings are given', () => {
    it('binds the HOST given', () => {
      expect(loadConfig({ HOST: '0.0.0.0' }, CWD).host).to.equal('0.0.0.0');
      expect(loadConfig({ HOST: '::1' }, CWD).host).to.equal('::1');
    });

    it('listens on the PORT given, 0 included', () => {
      expect(loadConfig({ PORT: '8080' }, CWD).port).to.equal(8080);
      expect(loadConfig({ PORT: '0' }, CWD).port).to.equal(0);
    });

    it('reads the folders relative to the working folder, or as absolute paths', () => {
      const config = loadConfig({ KNOWLEDGE_DIR: 'data/kb', TEMPLATES_DIR: '/opt/templates' }, CWD);
      expect(config.knowledgeDir).to.equal(resolve(CWD, 'data/kb'));
      expect(config.templatesDir).to.equal(resolve('/opt/templates'));
    });

    it('splits ALLOWED_SERVICE_URLS at commas and trims the entries', () => {
      const config = loadConfig(
        { ALLOWED_SERVICE_URLS: ' https://smba.trafficmanager.net , http://localhost:3000' },
        CWD,
      );
      expect(config.allowedServiceUrls).to.deep.equal(['https://smba.trafficmanager.net', 'http://localhost:3000']);
    });

    it('trusts no proxy by default, and the addresses and ranges TRUSTED_PROXIES lists (docs/security.md 41)', () => {
      expect(loadConfig({}, CWD).trustedProxies).to.deep.equal([]);
      expect(loadConfig({ TRUSTED_PROXIES: ' 127.0.0.1 , 10.0.0.0/8,fd00::/8 ' }, CWD).trustedProxies).to.deep.equal([
        { address: '127.0.0.1', prefix: 32, family: 'ipv4' },
        { address: '10.0.0.0', prefix: 8, family: 'ipv4' },
        { address: 'fd00::', prefix: 8, family: 'ipv6' },
      ]);
    });

    it('keeps state and leads in a SQLite file under the working folder by default, or in PostgreSQL', () => {
      expect(loadConfig({}, CWD).database).to.deep.include({ kind: 'sqlite', file: resolve(CWD, 'data/bot.db') });
      const url = 'postgres://bot:pw@db.example:5432/investor?sslmode=require';
      expect(loadConfig({ DATABASE_URL: url, DATABASE_POOL_SIZE: '20' }, CWD).database).to.deep.include({
        kind: 'postgres',
        url,
        poolSize: 20,
      });
      expect(loadConfig({ DATABASE_URL: 'postgresql://localhost/bot' }, CWD).database).to.deep.include({
        kind: 'postgres',
        poolSize: 10,
        busyTimeoutMs: 5_000,
      });
    });

    it('gives up on a store call after DATABASE_TIMEOUT_MS, 5 s unless set (docs/security.md 40)', () => {
      const env = { DATABASE_URL: 'postgresql://localhost/bot', DATABASE_TIMEOUT_MS: '2000' };
      expect(loadConfig(env, CWD).database.busyTimeoutMs).to.equal(2_000);
      expect(loadConfig({ DATABASE_TIMEOUT_MS: '2000' }, CWD).database.busyTimeoutMs).to.equal(2_000);
      expect(loadConfig({}, CWD).database.busyTimeoutMs).to.equal(5_000);
    });
  });

  describe('when a setting is wrong', () => {
    for (const [variable, value] of [
      ['PORT', 'abc'],
      ['PORT', '70000'],
      ['PORT', '-1'],
      ['PORT', '80.5'],
      ['LOG_LEVEL', 'loud'],
      ['ALLOWED_SERVICE_URLS', 'ftp://x'],
      ['ALLOWED_SERVICE_URLS', 'https://ok.example,not a url'],
      ['NODE_ENV', 'prod'],
      ['ALLOW_LOCAL_MODE', 'yes'],
      ['MicrosoftAppType', 'Single'],
      ['DATABASE_URL', 'mysql://localhost/bot'],
      ['DATABASE_URL', 'postgres://bad host/bot'],
      ['DATABASE_POOL_SIZE', '0'],
      ['LEADS_DELIVERY_CONCURRENCY', '0'],
      ['DATABASE_TIMEOUT_MS', '10'],
      ['TRUSTED_PROXIES', 'proxy.example'],
      ['TRUSTED_PROXIES', '10.0.0.0/33'],
      ['TRUSTED_PROXIES', '127.0.0.1,fd00::/129'],
    ] as const) {
      it(`stops on ${variable}=${value}, naming the variable`, () => {
        const error = configError({ [variable]: value });
        expect(error.message).to.match(new RegExp(`^config: ${variable}: `));
      });
    }
  });

  describe('when NODE_ENV=production', () => {
    it('stops without a MicrosoftAppId, naming it', () => {
      expect(configError({ NODE_ENV: 'production' }).message).to.include('MicrosoftAppId');
    });

    for (const allow of ['true', '1']) {
      it(`starts in local mode with ALLOW_LOCAL_MODE=${allow}`, () => {
        const config = loadConfig({ NODE_ENV: 'production', ALLOW_LOCAL_MODE: allow }, CWD);
        expect(config.localMode).to.equal(true);
        expect(config.host).to.equal('127.0.0.1');
        expect(config.allowedServiceUrls).to.deep.equal(LOOPBACK);
      });
    }

    it('still stops with ALLOW_LOCAL_MODE=false', () => {
      expect(configError({ NODE_ENV: 'production', ALLOW_LOCAL_MODE: 'false' }).message).to.include('MicrosoftAppId');
    });

    it('starts with an app id and password', () => {
      expect(loadConfig({ NODE_ENV: 'production', ...REGISTERED }, CWD).localMode).to.equal(false);
    });
  });

  describe('when a MicrosoftAppId is set', () => {
    it('stops without a password, naming MicrosoftAppPassword', () => {
      const error = configError({ MicrosoftAppId: REGISTERED.MicrosoftAppId });
      expect(error.message).to.match(/^config: MicrosoftAppPassword: /);
    });

    it('needs no password for a user-assigned managed identity', () => {
      const config = loadConfig(
        { MicrosoftAppId: REGISTERED.MicrosoftAppId, MicrosoftAppType: 'UserAssignedMSI' },
        CWD,
      );
      expect(config.localMode).to.equal(false);
    });

    it('stops for SingleTenant without a tenant id, naming MicrosoftAppTenantId', () => {
      const error = configError({ ...REGISTERED, MicrosoftAppType: 'SingleTenant' });
      expect(error.message).to.match(/^config: MicrosoftAppTenantId: /);
    });

    it('binds 0.0.0.0 and accepts any serviceUrl by default', () => {
      const config = loadConfig(REGISTERED, CWD);
      expect(config.localMode).to.equal(false);
      expect(config.host).to.equal('0.0.0.0');
      expect(config.allowedServiceUrls).to.equal(null);
      expect(config.auth).to.deep.equal({ ...REGISTERED, MicrosoftAppType: 'MultiTenant', MicrosoftAppTenantId: '' });
    });

    it('keeps the HOST and ALLOWED_SERVICE_URLS given', () => {
      const config = loadConfig(
        { ...REGISTERED, HOST: '10.0.0.5', ALLOWED_SERVICE_URLS: 'https://smba.trafficmanager.net' },
        CWD,
      );
      expect(config.host).to.equal('10.0.0.5');
      expect(config.allowedServiceUrls).to.deep.equal(['https://smba.trafficmanager.net']);
    });
  });

  describe('when a variable is set but empty', () => {
    it('uses the default port instead of a random one', () => {
      expect(loadConfig({ PORT: '' }, '/srv/bot').port).to.equal(3978);
    });

    it('keeps the loopback allow-list instead of refusing every channel', () => {
      expect(loadConfig({ ALLOWED_SERVICE_URLS: ' ' }, '/srv/bot').allowedServiceUrls).to.include('http://127.0.0.1');
    });
  });
});
