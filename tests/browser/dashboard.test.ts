import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import anyTest, { type TestFn } from 'ava';
import type { Browser, Page } from 'playwright-core';
import { waitFor } from '@caravan/testing';
import {
  assertAccessible,
  ensureDashboardBuilt,
  findChromium,
  launchBrowser,
  screenshotBothWidths,
  screenshotsDir,
} from '../support/browser.js';
import { caravanClient } from '../support/caravanClient.js';
import { startCaravanServer } from '../support/caravanProcess.js';
import { startReceiver, type Receiver } from '../support/dispatching.js';
import { createPubSubSubscription } from '../support/sourceCluster.js';

// The dashboard driven in a real Chromium against a real `caravan dev`: every step is what a tenant
// does with the mouse and keyboard, and what they see is read from the page.
interface Context {
  url: string;
  apiKey: string;
  adminKey: string;
  browser: Browser;
  page: Page;
  stop: () => Promise<unknown>;
}
const test = anyTest as TestFn<Context>;
const executablePath = findChromium();

if (!executablePath && process.env.CARAVAN_REQUIRE_CHROMIUM === '1') {
  test('dashboard › Chromium is installed (CARAVAN_REQUIRE_CHROMIUM=1)', (t) => {
    t.fail('no Chromium found: apt-get install chromium, or set CARAVAN_CHROMIUM to its path');
  });
} else if (!executablePath) {
  test.skip('dashboard › skipped: no Chromium found (apt-get install chromium, or set CARAVAN_CHROMIUM)', () => {});
} else {
  test.before(async (t) => {
    ensureDashboardBuilt();
    const dataDir = mkdtempSync(join(tmpdir(), 'caravan-dashboard-'));
    const server = await startCaravanServer(['dev', '--data-dir', dataDir, '--port', '0']);
    const adminKey = (
      JSON.parse(readFileSync(join(dataDir, 'dev-secrets.json'), 'utf8')) as { adminKey: string }
    ).adminKey;
    const admin = caravanClient(server.url, adminKey);
    const tenant = await admin.tenants.create({ name: 'Acme' });
    const { key } = await admin.apiKeys.create(tenant.id, { name: 'dashboard' });
    const browser = await launchBrowser(executablePath);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // Generous: the machine may be busy with other suites; waits end as soon as the page shows it.
    page.setDefaultTimeout(90_000);
    t.context = { url: server.url, apiKey: key, adminKey, browser, page, stop: () => server.stop('SIGKILL') };
  });

  // A failed step leaves a picture of what the page showed.
  test.afterEach.always(async (t) => {
    if (!t.passed && t.context.page) {
      await t.context.page.screenshot({
        path: join(screenshotsDir, `failed-${t.title.replace(/\W+/g, '-').slice(0, 80)}.png`),
        fullPage: true,
      });
    }
  });

  test.after.always(async (t) => {
    await t.context.browser?.close();
    await t.context.stop?.();
  });

  /** Opens a dashboard section and waits until its heading shows. */
  async function open(page: Page, url: string, hash: string, heading: string | RegExp) {
    await page.goto(`${url}/dashboard#${hash}`);
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  }

  async function receiverEndpoint(t: { context: Context }, receiver: Receiver, ownerId = '') {
    const { page, url } = t.context;
    await open(page, url, '/endpoints', 'Endpoints');
    await page.getByRole('button', { name: 'New endpoint' }).click();
    await page.getByLabel('URL').fill(receiver.url);
    await page.getByLabel(/Owner id/).fill(ownerId);
    await page.getByRole('button', { name: 'Create endpoint' }).click();
    const secret = await page.getByLabel('Signing secret').inputValue();
    const id = (await page.locator('.notice code').first().textContent()) ?? '';
    return { id, secret };
  }

  test.serial(
    'dashboard › a first delivered webhook from the dashboard alone: admin key → tenant → test inbox → event',
    async (t) => {
      const { url, adminKey, browser } = t.context;
      // A new user's own tab: nothing in session storage yet.
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      t.teardown(() => context.close());
      const page = await context.newPage();
      page.setDefaultTimeout(90_000);
      await page.goto(`${url}/dashboard`);
      await page.getByLabel('API key').fill(adminKey);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { level: 1, name: 'Tenants' }).waitFor();
      t.false(page.url().includes(adminKey));
      t.is(await page.evaluate(() => sessionStorage.getItem('caravan.dashboard.adminKey')), adminKey);
      t.is(await page.evaluate(() => localStorage.length), 0);
      await page.getByLabel('Tenant name').fill('Globex');
      await page.getByRole('button', { name: 'Create tenant' }).click();
      await page.getByRole('cell', { name: 'Globex', exact: true }).waitFor();
      await screenshotBothWidths(page, 'operator');
      await assertAccessible(t, page, 'operator');

      await page.getByRole('button', { name: 'Open dashboard of Globex' }).click();
      await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
      await page.getByText('Globex').first().waitFor();
      await page.getByRole('link', { name: 'Test inbox' }).click();
      await page.getByRole('heading', { level: 1, name: 'Test inbox' }).waitFor();
      await page.getByRole('button', { name: 'Create a test inbox' }).click();
      const inboxUrl = await page.getByLabel('Inbox URL').inputValue();
      t.regex(inboxUrl, /\/dev\/inboxes\/inb_[\w-]{22}$/);
      await page.getByRole('button', { name: 'Create an endpoint for this inbox' }).click();
      t.regex(await page.getByLabel('Signing secret').inputValue(), /^whsec_/);
      await page.getByLabel('Payload (JSON)').fill('{"invoiceId":"in_first"}');
      await page.getByRole('button', { name: 'Send event' }).click();
      await page.getByText(/Accepted as/).waitFor();
      const received = page.getByRole('list', { name: 'Requests received' }).getByRole('listitem');
      await received.getByText('signature valid').waitFor({ timeout: 60_000 });
      t.is(await received.count(), 1);
      await received.locator('summary').click();
      await received.getByLabel('Request body').getByText('{"invoiceId":"in_first"}').waitFor();
      await received.getByText('webhook-signature').waitFor();
      await screenshotBothWidths(page, 'inbox');
      await assertAccessible(t, page, 'test inbox');

      // A failing receiver, without writing one: the inbox answers 500, Caravan retries (about 5 s
      // later by the default schedule), and the retry is answered 200 once the inbox is set back.
      await page.getByLabel('Answer requests with').selectOption('500');
      await page.getByLabel('Payload (JSON)').fill('{"invoiceId":"in_retry"}');
      await page.getByRole('button', { name: 'Send event' }).click();
      await received.filter({ hasText: 'answered 500' }).first().waitFor({ timeout: 60_000 });
      await page.getByLabel('Answer requests with').selectOption('200');
      await received.filter({ hasText: 'answered 200' }).nth(1).waitFor({ timeout: 60_000 });

      // The retried delivery, as the dashboard's event view shows it.
      await page.getByRole('link', { name: /^evt_/ }).click();
      await page.getByRole('heading', { level: 1, name: /^evt_/ }).waitFor();
      await page.locator('.badge', { hasText: 'succeeded' }).waitFor({ timeout: 60_000 });

      // Back to the tenant list; signing out forgets both keys.
      await page.getByRole('button', { name: 'All tenants' }).click();
      await page.getByRole('heading', { level: 1, name: 'Tenants' }).waitFor();
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByLabel('API key').waitFor();
      t.is(await page.evaluate(() => sessionStorage.length), 0);
    },
  );

  test.serial(
    'dashboard › signs in with a tenant API key kept in session storage, never in the URL',
    async (t) => {
      const { page, url, apiKey } = t.context;
      await page.goto(`${url}/dashboard`);
      await screenshotBothWidths(page, 'sign-in');
      await assertAccessible(t, page, 'sign-in');
      await page.getByLabel('API key').fill('ck_live_wrong');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('alert').waitFor();
      await page.getByLabel('API key').fill(apiKey);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Overview' }).waitFor();
      t.false(page.url().includes(apiKey));
      t.is(await page.evaluate(() => Object.values(sessionStorage).join()), apiKey);
      t.is(await page.evaluate(() => localStorage.length), 0);
      await page.getByText('Every endpoint is healthy.').waitFor();
      await screenshotBothWidths(page, 'overview');
      await assertAccessible(t, page, 'overview');
    },
  );

  test.serial('dashboard › creates an endpoint, sends an event and shows the delivery succeed', async (t) => {
    const { page, url } = t.context;
    await open(page, url, '/endpoints', 'Endpoints');
    await page.getByText('No endpoints yet.').waitFor();
    const receiver = await startReceiver();
    t.teardown(() => receiver.close());
    const endpoint = await receiverEndpoint(t, receiver);
    t.regex(endpoint.secret, /^whsec_/);
    await page.getByRole('link', { name: receiver.url }).waitFor();
    await screenshotBothWidths(page, 'endpoints');
    await assertAccessible(t, page, 'endpoints');

    await open(page, url, '/events', 'Events');
    await page.getByText('Send a test event').click();
    await page.getByLabel('Event type').fill('invoice.paid');
    await page.getByLabel('Payload (JSON)').fill('{"invoiceId":"in_42"}');
    await page.getByRole('button', { name: 'Send event' }).click();
    await page.getByText(/Accepted as/).waitFor();
    await page.getByRole('status').getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: /^evt_/ }).waitFor();
    await page.getByText('"in_42"').waitFor();
    await page.locator('.badge', { hasText: 'succeeded' }).waitFor({ timeout: 60_000 });
    t.is(receiver.received.length, 1);
    t.is(receiver.received[0]!.body.toString(), '{"invoiceId":"in_42"}');
    await screenshotBothWidths(page, 'event');
    await assertAccessible(t, page, 'event detail');

    await open(page, url, '/events', 'Events');
    await page.getByRole('cell', { name: 'invoice.paid' }).waitFor();
    await screenshotBothWidths(page, 'events');
    await assertAccessible(t, page, 'events');
  });

  test.serial(
    'dashboard › a failing receiver shows its attempts; retry delivers once it recovers',
    async (t) => {
      const { page, url } = t.context;
      let failing = true;
      const receiver = await startReceiver((_req, res) => {
        if (failing) res.writeHead(500, { 'content-type': 'text/plain' }).end('receiver is down');
        else res.writeHead(204).end();
      });
      t.teardown(() => receiver.close());
      const endpoint = await receiverEndpoint(t, receiver, 'cus_failing');
      await caravanClient(url, t.context.apiKey).events.send({
        eventType: 'order.created',
        payload: { order: 1 },
        endpointId: endpoint.id,
      });

      await open(page, url, '/deliveries', 'Deliveries');
      await page.getByLabel('Status').selectOption('retrying');
      await page
        .getByRole('row', { name: /order\.created/ })
        .getByRole('link', { name: /^dlv_/ })
        .click();
      await page.getByRole('heading', { level: 1, name: /^dlv_/ }).waitFor();
      await page.getByText(/#1 .*500/).click();
      await page.locator('details[open]').getByText('receiver is down').waitFor();
      await screenshotBothWidths(page, 'delivery');
      await assertAccessible(t, page, 'delivery detail');

      failing = false;
      await page.getByRole('button', { name: 'Retry now' }).click();
      await page.getByText(/Retry queued/).waitFor();
      await page.locator('h1 + .badge', { hasText: 'succeeded' }).waitFor({ timeout: 60_000 });
      await waitFor(() => receiver.received.length >= 2, 'the retried request');
      t.true(receiver.received.length >= 2);

      await open(page, url, '/deliveries', 'Deliveries');
      await screenshotBothWidths(page, 'deliveries');
      await assertAccessible(t, page, 'deliveries');
    },
  );

  test.serial(
    'dashboard › rotates an endpoint secret with a grace period: both secrets listed',
    async (t) => {
      const { page, url } = t.context;
      const receiver = await startReceiver();
      t.teardown(() => receiver.close());
      const endpoint = await receiverEndpoint(t, receiver);
      await open(page, url, `/endpoints/${endpoint.id}`, receiver.url);
      await page.getByLabel('Old secret keeps signing for').selectOption('3600');
      await page.getByRole('button', { name: 'Rotate secret' }).click();
      const rotated = await page.getByLabel('Signing secret').inputValue();
      t.regex(rotated, /^whsec_/);
      t.not(rotated, endpoint.secret);
      await page.getByText('previous').waitFor();
      t.is(await page.locator('.card li', { hasText: /current|previous/ }).count(), 2);
      await page.getByText(/signs until/).waitFor();
      await screenshotBothWidths(page, 'endpoint');
      await assertAccessible(t, page, 'endpoint detail');
    },
  );

  test.serial(
    'dashboard › creates a Pub/Sub source from its config schema and shows its metrics move',
    async (t) => {
      const { page, url } = t.context;
      const subscription = await createPubSubSubscription(t);
      await open(page, url, '/sources', 'Sources');
      await page.getByText('No sources.').waitFor();
      await page.getByRole('button', { name: 'New source' }).click();
      await page.getByLabel('Plugin').selectOption('gcp-pubsub');
      await page.getByLabel('Name', { exact: true }).fill('orders');
      await page.getByLabel(/^projectId/).fill(subscription.config.projectId);
      await page.getByLabel(/^subscription/).fill(subscription.config.subscription);
      await page.getByLabel(/^emulatorHost/).fill(subscription.config.emulatorHost);
      await page.getByRole('button', { name: 'Create source' }).click();
      await page.getByRole('heading', { level: 1, name: 'orders' }).waitFor();
      const received = page.locator('.metric', { hasText: 'Messages received' }).locator('.value');
      t.is(await received.textContent(), '0');
      await subscription.publish([
        JSON.stringify({ eventType: 'order.created', payload: { n: 1 } }),
        JSON.stringify({ eventType: 'order.created', payload: { n: 2 } }),
        '{"not json',
      ]);
      await page
        .locator('.metric', { hasText: 'Events accepted' })
        .locator('.value', { hasText: '2' })
        .waitFor({
          timeout: 90_000,
        });
      await page.locator('.metric', { hasText: 'Dead letters' }).locator('.value', { hasText: '1' }).waitFor({
        timeout: 90_000,
      });
      await page.reload();
      await page.getByRole('button', { name: 'Replay' }).waitFor();
      await screenshotBothWidths(page, 'source');
      await assertAccessible(t, page, 'source detail');
      await open(page, url, '/sources', 'Sources');
      await page.getByRole('link', { name: 'orders' }).waitFor();
      await screenshotBothWidths(page, 'sources');
      await assertAccessible(t, page, 'sources');
    },
  );

  test.serial('dashboard › the overview charts events and delivery success from the counters', async (t) => {
    const { page, url } = t.context;
    await open(page, url, '/overview', 'Overview');
    const events = page.getByRole('img', { name: /^Events per second: [1-9]\d* events in the last hour/ });
    await events.waitFor();
    await page.getByRole('img', { name: /^Delivery success rate: \d+ % of [1-9]\d* attempts/ }).waitFor();
    await screenshotBothWidths(page, 'overview-charts');
    // The README's picture (docs/images/dashboard.png is a copy of this one).
    await page.setViewportSize({ width: 960, height: 570 });
    await page.screenshot({ path: join(screenshotsDir, 'readme-dashboard.png') });
    await page.setViewportSize({ width: 1280, height: 900 });
    await assertAccessible(t, page, 'overview with charts');
  });

  test.serial(
    'portal › opens with a token and shows only that owner’s endpoints, which the customer manages',
    async (t) => {
      const { url, apiKey, browser } = t.context;
      const caravan = caravanClient(url, apiKey);
      const ours = await caravan.endpoints.create({ url: 'http://127.0.0.1:9/ours', ownerId: 'cus_portal' });
      const theirs = await caravan.endpoints.create({
        url: 'http://127.0.0.1:9/theirs',
        ownerId: 'cus_other',
      });
      const { token } = await caravan.tenant.createPortalToken({ ownerId: 'cus_portal', ttlSeconds: 600 });

      // A fresh browser context: the customer has no dashboard session.
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      t.teardown(() => context.close());
      const portal = await context.newPage();
      portal.setDefaultTimeout(90_000);
      await portal.goto(`${url}/portal#token=${token}`);
      await portal.getByRole('heading', { level: 1, name: 'Endpoints' }).waitFor();
      t.false(portal.url().includes(token), 'the token leaves the address bar');
      await portal.getByRole('link', { name: ours.url }).waitFor();
      t.is(await portal.getByText(theirs.url).count(), 0);
      t.is(await portal.getByRole('link', { name: 'Events' }).count(), 0);
      await screenshotBothWidths(portal, 'portal');
      await assertAccessible(t, portal, 'portal');

      await portal.getByRole('button', { name: 'New endpoint' }).click();
      t.is(await portal.getByLabel(/Owner id/).count(), 0);
      await portal.getByLabel('URL').fill('http://127.0.0.1:9/added');
      await portal.getByRole('button', { name: 'Create endpoint' }).click();
      await portal.getByRole('link', { name: 'http://127.0.0.1:9/added' }).waitFor();
      const owned = (await caravan.endpoints.list({ ownerId: 'cus_portal' })).data.map((e) => e.url).sort();
      t.deepEqual(owned, ['http://127.0.0.1:9/added', 'http://127.0.0.1:9/ours']);

      await portal.getByRole('link', { name: ours.url }).click();
      await portal.getByRole('heading', { level: 1, name: ours.url }).waitFor();
      await portal.getByRole('button', { name: 'Rotate secret' }).click();
      t.regex(await portal.getByLabel('Signing secret').inputValue(), /^whsec_/);
      await screenshotBothWidths(portal, 'portal-endpoint');
      await assertAccessible(t, portal, 'portal endpoint');

      // Recover since a time, and watch the job to its end.
      await portal.getByRole('button', { name: 'Recover' }).click();
      await portal
        .getByRole('status')
        .filter({ hasText: /^Job job_/ })
        .locator('.badge', { hasText: 'succeeded' })
        .waitFor();
      await screenshotBothWidths(portal, 'portal-recover');

      // Deliveries across every endpoint of the owner, and none of another owner's.
      await caravan.events.send({ eventType: 'invoice.paid', payload: { n: 1 }, ownerId: 'cus_portal' });
      await caravan.events.send({ eventType: 'invoice.paid', payload: { n: 2 }, ownerId: 'cus_other' });
      const added = (await caravan.endpoints.list({ ownerId: 'cus_portal' })).data.find((e) =>
        e.url.endsWith('/added'),
      )!;
      await portal.getByRole('link', { name: 'Deliveries' }).click();
      await portal.getByRole('heading', { level: 1, name: 'Deliveries' }).waitFor();
      await portal.getByRole('link', { name: ours.id }).waitFor({ timeout: 60_000 });
      await portal.getByRole('link', { name: added.id }).waitFor({ timeout: 60_000 });
      t.is(await portal.getByRole('link', { name: theirs.id }).count(), 0);
      t.is(await portal.getByRole('button', { name: 'Bulk retry' }).count(), 0);
      await screenshotBothWidths(portal, 'portal-deliveries');
      await assertAccessible(t, portal, 'portal deliveries');

      await portal.goto(`${url}/portal#/endpoints/${theirs.id}`);
      await portal.getByRole('alert').waitFor();
      t.regex((await portal.getByRole('alert').textContent()) ?? '', /does not exist/);
    },
  );

  test.serial(
    'dashboard › API keys: creates one shown once, revokes it; the key in use is kept',
    async (t) => {
      const { page, url, apiKey } = t.context;
      await open(page, url, '/api-keys', 'API keys');
      const own = page.getByRole('row', { name: /this session/ });
      await own.waitFor();
      t.true(apiKey.startsWith(((await own.locator('code').textContent()) ?? '').replace('…', '')));
      t.is(await own.getByRole('button').count(), 0, 'the key in use offers no revoke');
      await page.getByLabel(/Key name/).fill('ci pipeline');
      await page.getByRole('button', { name: 'Create API key' }).click();
      const created = await page.getByLabel('New API key').inputValue();
      t.regex(created, /^ck_live_/);
      const caravan = caravanClient(url, created);
      t.truthy((await caravan.tenant.get()).id, 'the new key works');
      const row = page.getByRole('row', { name: /ci pipeline/ });
      await screenshotBothWidths(page, 'api-keys');
      await assertAccessible(t, page, 'API keys');
      await row.getByRole('button', { name: /^Revoke/ }).click();
      await row.getByRole('button', { name: 'Revoke now' }).click();
      await row.waitFor({ state: 'detached' });
      const refused = await caravan.tenant.get().then(
        () => 200,
        (failure: { status?: number }) => failure.status,
      );
      t.is(refused, 401, 'the revoked key stops working');
      await own.waitFor();
    },
  );

  test.serial('dashboard › event types: declares one with a schema', async (t) => {
    const { page, url } = t.context;
    await open(page, url, '/event-types', 'Event types');
    await page.getByText('No event types declared.').waitFor();
    await page.getByLabel('Name').fill('invoice.paid');
    await page.getByLabel(/JSON Schema/).fill('{"type":"object","required":["invoiceId"]}');
    await page.getByRole('button', { name: 'Add event type' }).click();
    await page.getByRole('heading', { level: 2, name: 'invoice.paid' }).waitFor();
    await screenshotBothWidths(page, 'event-types');
    await assertAccessible(t, page, 'event types');
  });
}
