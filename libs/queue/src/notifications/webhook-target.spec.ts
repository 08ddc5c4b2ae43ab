import {
  addressRefusal,
  parseAllowList,
  resolveWebhookTarget,
  type Resolver,
} from './webhook-target';

const policy = { requireHttps: false, allowList: [] };
/** A resolver with a fixed zone, so the tests never depend on real DNS. */
const zone: Record<string, string[]> = {
  'partner.example.nl': ['93.184.216.10'],
  'localhost.example.nl': ['127.0.0.1'],
  'rebind.example.nl': ['93.184.216.34', '10.0.0.5'],
  'crm.intern.example.nl': ['10.20.1.5'],
  'v6.example.nl': ['2001:4860:4860::8888'],
};
const resolver: Resolver = async (host) => {
  const answers = zone[host];
  if (!answers) throw Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' });
  return answers.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};

describe('webhook targets: no server-side request forgery', () => {
  it.each([
    ['loopback', 'http://127.0.0.1:5432/', 'loopback'],
    ['loopback elsewhere in 127/8', 'http://127.1.2.3/', 'loopback'],
    ['IPv6 loopback', 'http://[::1]:6379/', 'loopback'],
    ['hex integer', 'http://0x7f000001/', 'loopback'],
    ['decimal integer', 'http://2130706433/', 'loopback'],
    ['octal dotted', 'http://0177.0.0.1/', 'loopback'],
    ['short form', 'http://127.1/', 'loopback'],
    ['IPv4-mapped IPv6', 'http://[::ffff:127.0.0.1]/', 'loopback'],
    ['IPv4-mapped IPv6, hex', 'http://[::ffff:7f00:1]/', 'loopback'],
    ['RFC 1918 10/8', 'http://10.0.0.1/', 'private'],
    ['RFC 1918 172.16/12', 'http://172.16.5.4/', 'private'],
    ['RFC 1918 192.168/16', 'http://192.168.1.1/', 'private'],
    ['IPv4-mapped private', 'http://[::ffff:192.168.1.1]/', 'private'],
    ['cloud metadata', 'http://169.254.169.254/latest/meta-data/', 'linkLocal'],
    ['IPv6 link-local', 'http://[fe80::1]/', 'linkLocal'],
    ['IPv6 unique local', 'http://[fd12:3456::1]/', 'uniqueLocal'],
    ['multicast', 'http://224.0.0.1/', 'multicast'],
    ['IPv6 multicast', 'http://[ff02::1]/', 'multicast'],
    ['broadcast', 'http://255.255.255.255/', 'broadcast'],
    ['unspecified', 'http://0.0.0.0/', 'unspecified'],
    ['IPv6 unspecified', 'http://[::]/', 'unspecified'],
    ['carrier-grade NAT', 'http://100.64.0.1/', 'carrierGradeNat'],
    ['reserved (TEST-NET)', 'http://192.0.2.1/', 'reserved'],
    ['reserved (240/4)', 'http://240.0.0.1/', 'reserved'],
    ['benchmarking', 'http://198.18.0.1/', 'reserved'],
    ['NAT64 embedding loopback', 'http://[64:ff9b::7f00:1]/', 'rfc6052'],
    ['6to4 embedding loopback', 'http://[2002:7f00:1::]/', '6to4'],
    ['a name resolving to loopback', 'http://localhost.example.nl/', 'loopback'],
    ['a name with one private answer among public ones', 'http://rebind.example.nl/', 'private'],
  ])('refuses %s (%s)', async (_, url, range) => {
    const target = await resolveWebhookTarget(url, policy, resolver);
    expect(target).toEqual({ ok: false, reason: `address not allowed (${range})` });
  });

  it.each([
    [
      'credentials',
      'https://user:pass@partner.example.nl/',
      'credentials in the URL are not allowed',
    ],
    [
      'a user name only',
      'https://user@partner.example.nl/',
      'credentials in the URL are not allowed',
    ],
    ['another scheme', 'ftp://partner.example.nl/', 'not an http(s) URL'],
    ['file URLs', 'file:///etc/passwd', 'not an http(s) URL'],
    ['garbage', 'not a url', 'not a valid URL'],
    ['a name that does not resolve', 'https://nowhere.example.nl/', 'host name does not resolve'],
  ])('refuses %s', async (_, url, reason) => {
    expect(await resolveWebhookTarget(url, policy, resolver)).toEqual({ ok: false, reason });
  });

  it('wants https when the policy says so (production)', async () => {
    const strict = { ...policy, requireHttps: true };
    expect(await resolveWebhookTarget('http://partner.example.nl/', strict, resolver)).toEqual({
      ok: false,
      reason: 'https required',
    });
    expect(
      await resolveWebhookTarget('https://partner.example.nl/', strict, resolver),
    ).toMatchObject({ ok: true });
  });

  it('pins a public address for the connection', async () => {
    expect(await resolveWebhookTarget('https://partner.example.nl/hook', policy, resolver)).toEqual(
      {
        ok: true,
        url: new URL('https://partner.example.nl/hook'),
        address: '93.184.216.10',
        family: 4,
      },
    );
    expect(await resolveWebhookTarget('https://v6.example.nl/', policy, resolver)).toMatchObject({
      ok: true,
      address: '2001:4860:4860::8888',
      family: 6,
    });
  });

  it('lets the allow-list open on-premise systems by host, address or range, and nothing more', async () => {
    const allowList = parseAllowList('crm.intern.example.nl, 127.0.0.1,10.30.0.0/16,fd00::/8');
    const open = { ...policy, allowList };
    for (const url of [
      'http://crm.intern.example.nl/',
      'http://127.0.0.1:4000/hook',
      'http://10.30.7.7/',
      'http://[fd00::5]/',
      'http://[::ffff:127.0.0.1]/',
    ]) {
      expect(await resolveWebhookTarget(url, open, resolver)).toMatchObject({ ok: true });
    }
    for (const url of ['http://127.0.0.2/', 'http://10.31.0.1/', 'http://169.254.169.254/']) {
      expect(await resolveWebhookTarget(url, open, resolver)).toMatchObject({ ok: false });
    }
  });

  it('classifies bare addresses (the check the delivery repeats on the pinned address)', () => {
    expect(addressRefusal('93.184.216.34')).toBeNull();
    expect(addressRefusal('::ffff:10.0.0.1')).toBe('address not allowed (private)');
    expect(addressRefusal('nonsense')).toBe('not an IP address');
  });
});
