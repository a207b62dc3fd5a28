/** Connector clients are kept between turns, bounded, and authentication still runs on every request. */
import { ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import { DialogsComponentRegistration } from 'botbuilder-dialogs/lib/dialogsComponentRegistration';
import { DIALOG_STATE_CONFIGURATION_KEY } from '../../src/bot';
import { CachingBotFrameworkAuthentication, MAX_CACHED_CLIENTS } from '../../src/cachedConnectors';
import { SignpostAdapter } from '../../src/server';
import { realBot } from '../helpers';

function message(serviceUrl: string, conversation = 'cache-1'): Activity {
  return {
    type: 'message',
    text: 'hello',
    deliveryMode: 'expectReplies',
    channelId: 'webchat',
    serviceUrl,
    conversation: { id: conversation },
    from: { id: 'user-1' },
    recipient: { id: 'bot' },
  } as Activity;
}

describe('cached connector clients', () => {
  it('builds one client per service URL, reused by later turns, and keeps at most the bound', async () => {
    const auth = new CachingBotFrameworkAuthentication(new ConfigurationBotFrameworkAuthentication({}));
    const adapter = new SignpostAdapter(auth);
    const { bot } = realBot();
    const clients = new Set<unknown>();
    const run = async (serviceUrl: string) => {
      const result = await adapter.handle('', message(serviceUrl), async (context) => {
        clients.add(context.turnState.get(adapter.ConnectorClientKey));
        await bot.run(context);
      });
      expect(result?.status).toBe(200);
    };
    await run('http://127.0.0.1:9');
    await run('http://127.0.0.1:9');
    expect(clients.size).toBe(1);
    await run('http://127.0.0.1:10');
    expect(clients.size).toBe(2);
    expect(auth.cachedConnectorClients).toBe(2);
    for (let i = 0; i < MAX_CACHED_CLIENTS + 20; i++) await run(`http://127.0.0.1:${1000 + i}`);
    expect(auth.cachedConnectorClients).toBe(MAX_CACHED_CLIENTS);
  });

  it('still refuses a request without a token when the bot has credentials', async () => {
    const auth = new CachingBotFrameworkAuthentication(
      new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'x', MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: 't' }),
    );
    const adapter = new SignpostAdapter(auth);
    let ran = false;
    await expect(
      adapter.handle('', message('https://smba.trafficmanager.net/emea/'), () => {
        ran = true;
        return Promise.resolve();
      }),
    ).rejects.toMatchObject({ statusCode: 401 });
    expect(ran).toBe(false);
  });
});

describe('dialog memory scopes', () => {
  it('are built once per bot, not once per turn', async () => {
    const adapter = new SignpostAdapter(new ConfigurationBotFrameworkAuthentication({}));
    const { bot } = realBot();
    const rebuilt = jest.spyOn(DialogsComponentRegistration.prototype, 'getMemoryScopes');
    const seen: unknown[] = [];
    for (const conversation of ['scopes-1', 'scopes-2']) {
      await adapter.handle('', message('http://127.0.0.1:9', conversation), async (context) => {
        await bot.run(context);
        seen.push(context.turnState.get(DIALOG_STATE_CONFIGURATION_KEY));
      });
    }
    expect(seen[0]).toBe(bot.stateConfiguration);
    expect(seen[1]).toBe(bot.stateConfiguration);
    expect(rebuilt).not.toHaveBeenCalled();
    rebuilt.mockRestore();
  });
});
