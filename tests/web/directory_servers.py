"""Real directory servers for the login tests (issue 26), started by the tests themselves.

- :class:`Slapd`: Debian's OpenLDAP server with a throwaway ``slapd.conf`` (``slapd -f``) and
  MDB database in a temporary folder, on a free port, filled with :data:`LDIF` by ``ldapadd``
  (https://www.openldap.org/doc/admin26/slapdconf2.html; the old-style file keeps it one file).
- :func:`oidc_provider`: node-oidc-provider (https://github.com/panva/node-oidc-provider), a
  certified OpenID provider, run by ``tests/oidc/provider.mjs`` with node; installed by
  ``npm ci`` in ``tests/oidc`` (``.ci/run``). Its development login pages accept any login name.

Where a server cannot start the tests are skipped with the reason; with
``VEREINBARUNG_DIRECTORY_TESTS=required`` (``.ci/run``) they fail instead.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

REQUIRED = os.environ.get("VEREINBARUNG_DIRECTORY_TESTS") == "required"
SLAPD = "/usr/sbin/slapd"
OIDC_FOLDER = Path(__file__).parent.parent / "oidc"
BASE = "dc=kreis,dc=test"
SERVICE_DN, SERVICE_PASSWORD = f"cn=suche,{BASE}", "such-geheim-1"
ROOT_DN, ROOT_PASSWORD = f"cn=admin,{BASE}", "admin-geheim-1"
PASSWORD = "Verzeichnis-Passwort-1"
#: The groups' mapping as an operator writes it (spaces and capitals in a DN do not matter).
GROUPS = (
    f"cn=Jugend-Bearbeiten, ou=groups,{BASE} -> Bearbeiten in Jugend\n"
    f"cn=register-admins,ou=groups,{BASE} -> Verwalten; "
    f"cn=register-lesen,ou=groups,{BASE} -> Lesen"
)

LDIF = f"""
dn: {BASE}
objectClass: dcObject
objectClass: organization
o: Kreis Test
dc: kreis

dn: ou=people,{BASE}
objectClass: organizationalUnit
ou: people

dn: ou=jugendamt,ou=people,{BASE}
objectClass: organizationalUnit
ou: jugendamt

dn: ou=groups,{BASE}
objectClass: organizationalUnit
ou: groups

dn: {SERVICE_DN}
objectClass: organizationalRole
objectClass: simpleSecurityObject
cn: suche
userPassword: {SERVICE_PASSWORD}

dn: uid=anna,ou=jugendamt,ou=people,{BASE}
objectClass: inetOrgPerson
uid: anna
cn: Anna Albers
givenName: Anna
sn: Albers
mail: anna.albers@kreis.test
userPassword: {PASSWORD}

dn: uid=bert,ou=people,{BASE}
objectClass: inetOrgPerson
uid: bert
cn: Bert Brandt
givenName: Bert
sn: Brandt
mail: bert.brandt@kreis.test
userPassword: {PASSWORD}

dn: uid=carl,ou=people,{BASE}
objectClass: inetOrgPerson
uid: carl
cn: Carl Claasen
sn: Claasen
userPassword: {PASSWORD}

dn: uid=dora,ou=people,{BASE}
objectClass: inetOrgPerson
uid: dora
cn: Dora Dahl
sn: Dahl
userPassword: {PASSWORD}

dn: uid=ernst,ou=people,{BASE}
objectClass: inetOrgPerson
uid: ernst
cn: Ernst Ehlers
sn: Ehlers
userPassword: {PASSWORD}

dn: cn=jugend-bearbeiten,ou=groups,{BASE}
objectClass: groupOfNames
cn: jugend-bearbeiten
member: uid=anna,ou=jugendamt,ou=people,{BASE}

dn: cn=register-admins,ou=groups,{BASE}
objectClass: groupOfUniqueNames
cn: register-admins
uniqueMember: uid=bert,ou=people,{BASE}

dn: cn=register-lesen,ou=groups,{BASE}
objectClass: groupOfNames
cn: register-lesen
member: uid=dora,ou=people,{BASE}
member: uid=ernst,ou=people,{BASE}

dn: cn=kantine,ou=groups,{BASE}
objectClass: groupOfNames
cn: kantine
member: uid=carl,ou=people,{BASE}
"""


def unavailable(reason: str) -> None:
    """Skip (or, where required, fail) with *reason*."""
    if REQUIRED:
        pytest.fail(f"Verzeichnis-Tests verlangt (VEREINBARUNG_DIRECTORY_TESTS=required): {reason}")
    pytest.skip(f"Verzeichnis-Tests übersprungen: {reason}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for_port(port: int, process: subprocess.Popen[bytes], seconds: float = 20) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return True
        time.sleep(0.1)
    return False


class Slapd:
    """A running throwaway slapd; :meth:`ldap` runs ldapadd/ldapmodify/ldapdelete as root DN."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port, self.tls_port = free_port(), free_port()
        self.url = f"ldap://127.0.0.1:{self.port}"
        #: the same server over TLS; its self-signed certificate (for 127.0.0.1) is ``ca``
        self.tls_url = f"ldaps://127.0.0.1:{self.tls_port}"
        self.ca = folder / "cert.pem"

    def ldap(self, tool: str, ldif: str = "", *args: str) -> None:
        result = subprocess.run(
            [tool, "-x", "-H", self.url, "-D", ROOT_DN, "-w", ROOT_PASSWORD, *args],
            input=ldif, capture_output=True, text=True, timeout=30, check=False,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr

    def settings_env(self) -> dict[str, str]:
        """The environment variables that switch the register's LDAP login on for this server."""
        return {
            "VEREINBARUNG_LDAP_URL": self.url,
            "VEREINBARUNG_LDAP_BIND_DN": SERVICE_DN,
            "VEREINBARUNG_LDAP_BIND_PASSWORD": SERVICE_PASSWORD,
            "VEREINBARUNG_LDAP_USER_BASE": f"ou=people,{BASE}",
            "VEREINBARUNG_LDAP_GROUP_BASE": f"ou=groups,{BASE}",
            "VEREINBARUNG_LDAP_GROUPS": GROUPS,
        }


@contextmanager
def slapd(folder: Path) -> Iterator[Slapd]:
    """A slapd in *folder* with :data:`LDIF`, stopped afterwards."""
    if not Path(SLAPD).exists() or shutil.which("ldapadd") is None:
        unavailable("slapd oder ldap-utils fehlen: apt-get install slapd ldap-utils")
    (folder / "db").mkdir()
    made = subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-keyout", str(folder / "key.pem"), "-out", str(folder / "cert.pem"),
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    if made.returncode != 0:
        unavailable(f"openssl kann kein Zertifikat machen: {made.stderr[-300:]}")
    conf = folder / "slapd.conf"
    conf.write_text(
        "\n".join([
            *(f"include /etc/ldap/schema/{s}.schema" for s in ("core", "cosine", "inetorgperson")),
            f"pidfile {folder / 'slapd.pid'}", f"TLSCertificateFile {folder / 'cert.pem'}",
            f"TLSCertificateKeyFile {folder / 'key.pem'}", "modulepath /usr/lib/ldap", "moduleload back_mdb",
            "database mdb", "maxsize 10485760", f'suffix "{BASE}"', f'rootdn "{ROOT_DN}"',
            f"rootpw {ROOT_PASSWORD}", f"directory {folder / 'db'}",
            # users bind with their own password; everyone else reads no password
            "access to attrs=userPassword by anonymous auth by * none",
            "access to * by * read", "",
        ]),
        encoding="utf-8",
    )  # fmt: skip
    server = Slapd(folder)
    log = (folder / "slapd.log").open("wb")
    process = subprocess.Popen([SLAPD, "-f", str(conf), "-h", f"{server.url}/ {server.tls_url}/",
                                "-d", "0"], stdout=log, stderr=subprocess.STDOUT)  # fmt: skip
    try:
        if not _wait_for_port(server.port, process) or not _wait_for_port(server.tls_port, process):
            unavailable(f"slapd startet nicht: {(folder / 'slapd.log').read_text()[-500:]}")
        server.ldap("ldapadd", LDIF)
        yield server
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


@contextmanager
def oidc_provider(folder: Path, redirect_uri: str) -> Iterator[str]:
    """node-oidc-provider on a free port for the client ``vereinbarung`` with *redirect_uri*;
    yields its issuer address. Accounts: ``tests/oidc/accounts.json``."""
    node = shutil.which("node") or ""
    if not node:
        unavailable("node fehlt (für den OpenID-Provider der Tests): apt-get install nodejs")
    if not (OIDC_FOLDER / "node_modules" / "oidc-provider").exists():
        unavailable("oidc-provider fehlt: npm ci --prefix tests/oidc")
    port = free_port()
    issuer = f"http://127.0.0.1:{port}"
    log = (folder / "oidc.log").open("wb")
    process = subprocess.Popen([node, str(OIDC_FOLDER / "provider.mjs"), str(port), redirect_uri],
                               stdout=log, stderr=subprocess.STDOUT, cwd=OIDC_FOLDER)  # fmt: skip
    try:
        if not _wait_for_port(port, process):
            unavailable(
                f"OpenID-Provider startet nicht: {(folder / 'oidc.log').read_text()[-800:]}"
            )
        with urllib.request.urlopen(f"{issuer}/.well-known/openid-configuration", timeout=10) as r:
            assert json.load(r)["issuer"] == issuer
        yield issuer
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()
