// The OpenID provider of the login tests (issue 26): node-oidc-provider, certified by the
// OpenID Foundation (https://github.com/panva/node-oidc-provider), with its development login
// pages (any login name, no password). Usage: node provider.mjs PORT REDIRECT_URI.
// One confidential client »vereinbarung« (secret below), ID tokens signed RS256 with a key made
// at start; the claims of each login name stand in accounts.json (unknown names: no groups).
import { readFileSync } from "node:fs";
import Provider from "oidc-provider";

const [port, redirectUri] = process.argv.slice(2);
const accounts = JSON.parse(readFileSync(new URL("./accounts.json", import.meta.url), "utf8"));

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [{
    client_id: "vereinbarung",
    client_secret: "test-geheimnis-des-registers",
    redirect_uris: [redirectUri],
    grant_types: ["authorization_code"],
    response_types: ["code"],
    token_endpoint_auth_method: "client_secret_post",
  }],
  claims: {
    openid: ["sub"],
    email: ["email", "email_verified"],
    profile: ["given_name", "family_name", "preferred_username", "groups"],
  },
  features: { devInteractions: { enabled: true } },
  async findAccount(ctx, id) {
    const claims = accounts[id] || { preferred_username: id, groups: [] };
    return { accountId: id, async claims() { return { sub: `sub-${id}`, email_verified: true, ...claims }; } };
  },
});
provider.listen(Number(port), "127.0.0.1");
