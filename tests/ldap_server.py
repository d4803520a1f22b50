"""A real OpenLDAP slapd (Debian's `slapd` package) for the LDAP tests, on a free loopback
port, with its own certificate authority: StartTLS is required for every operation, so a
test that signs someone in proves the app speaks TLS to the directory. The directory holds
a few people of a company (inetOrgPerson), its groups (groupOfNames), a reader account the
app searches with, and one account locked by the password policy (ppolicy overlay)."""

import datetime
import ipaddress
import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ldap
import ldap.modlist
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from sso.ldap_settings import Directory, ldap_settings, with_ldap_backend
from tests.faults.services import free_port
from tests.faults.waiting import wait_until

SLAPD = Path("/usr/sbin/slapd")
SCHEMAS = Path("/etc/ldap/schema")
MODULES = Path("/usr/lib/ldap")
SUFFIX = "dc=example,dc=com"
ROOT_DN = f"cn=admin,{SUFFIX}"
ROOT_PASSWORD = "root secret of the test directory"
READER_DN = f"cn=rollout-reader,ou=services,{SUFFIX}"
READER_PASSWORD = "reader secret of the test directory"
PEOPLE = f"ou=people,{SUFFIX}"
GROUPS = f"ou=groups,{SUFFIX}"
SALES_DN = f"cn=sales,{GROUPS}"
FINANCE_DN = f"cn=finance,{GROUPS}"
CRM_TEAM_DN = f"cn=crm-team,{GROUPS}"


@dataclass(frozen=True)
class DirectoryEntry:
    """One person of the test company as the directory knows them."""

    uid: str
    password: str
    given_name: str
    surname: str
    mail: str
    language: str
    department: str
    groups: tuple[str, ...] = ()
    locked: bool = False

    @property
    def dn(self) -> str:
        return f"uid={self.uid},{PEOPLE}"


# People of the directory. Their usernames are not among the demo company's, so a test can
# tell that signing in created them; their departmentNumber is a cost centre no department
# here is named after, so only the group mapping places them.
LI_WEI = DirectoryEntry(
    "li.wei", "li-wei directory pass", "伟", "李", "li.wei@example.com", "zh-CN",
    "4100", (SALES_DN, CRM_TEAM_DN),
)  # fmt: skip
ANNA_BERG = DirectoryEntry(
    "anna.berg", "anna directory pass", "Anna", "Berg", "anna.berg@example.com", "en",
    "4200", (FINANCE_DN,),
)  # fmt: skip
OLGA_LOCKED = DirectoryEntry(
    "olga.locked", "olga directory pass", "Olga", "Locked", "olga@example.com", "en",
    "Sales", (SALES_DN,), locked=True,
)  # fmt: skip
PETER_DISABLED = DirectoryEntry(
    "peter.disabled", "peter directory pass", "Peter", "Disabled", "peter@example.com", "en",
    "Sales", (SALES_DN,),
)  # fmt: skip
EVERYONE = (LI_WEI, ANNA_BERG, OLGA_LOCKED, PETER_DISABLED)


def _certificate(
    subject: str, key: ec.EllipticCurvePrivateKey, issuer: x509.Name | None, signer: Any, ca: bool
) -> x509.Certificate:
    now = datetime.datetime.now(datetime.UTC)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)])
    builder = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(issuer or name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
    )
    if not ca:
        builder = builder.add_extension(
            x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1")), x509.DNSName("localhost")]
            ),
            critical=False,
        )
    return builder.sign(signer, hashes.SHA256())


def write_certificates(folder: Path) -> Path:
    """A certificate authority of the test and the server certificate it signs for
    127.0.0.1. Returns the CA's file, which the app is given as LDAP_CA_CERT_FILE."""
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = _certificate("Rollout test directory CA", ca_key, None, ca_key, ca=True)
    server_key = ec.generate_private_key(ec.SECP256R1())
    server = _certificate("127.0.0.1", server_key, ca.subject, ca_key, ca=False)
    (folder / "ca.pem").write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    (folder / "server.pem").write_bytes(server.public_bytes(serialization.Encoding.PEM))
    (folder / "server.key").write_bytes(
        server_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    (folder / "server.key").chmod(0o600)
    return folder / "ca.pem"


def _slapd_conf(folder: Path) -> str:
    schemas = "\n".join(
        f"include {SCHEMAS / name}.schema" for name in ("core", "cosine", "inetorgperson", "nis")
    )
    return f"""{schemas}
modulepath {MODULES}
moduleload back_mdb
moduleload ppolicy
pidfile {folder}/slapd.pid
argsfile {folder}/slapd.args
TLSCACertificateFile {folder}/ca.pem
TLSCertificateFile {folder}/server.pem
TLSCertificateKeyFile {folder}/server.key
# Every operation needs TLS: a client that skips StartTLS is refused (confidentiality
# required), so a successful sign-in proves the app used it.
security tls=1

database mdb
suffix "{SUFFIX}"
rootdn "{ROOT_DN}"
rootpw "{ROOT_PASSWORD}"
directory {folder}/data
maxsize 16777216
overlay ppolicy
ppolicy_default "cn=default,ou=policies,{SUFFIX}"
ppolicy_use_lockout

access to attrs=userPassword
  by anonymous auth
  by * none
access to *
  by dn.exact="{READER_DN}" read
  by self read
  by * none
"""


def _entries() -> list[tuple[str, dict[str, list[bytes]]]]:
    def attrs(**values: str | list[str]) -> dict[str, list[bytes]]:
        return {
            key: [v.encode() for v in (value if isinstance(value, list) else [value])]
            for key, value in values.items()
        }

    entries = [
        (SUFFIX, attrs(objectClass=["dcObject", "organization"], dc="example", o="Example")),
        (PEOPLE, attrs(objectClass="organizationalUnit", ou="people")),
        (GROUPS, attrs(objectClass="organizationalUnit", ou="groups")),
        (f"ou=services,{SUFFIX}", attrs(objectClass="organizationalUnit", ou="services")),
        (f"ou=policies,{SUFFIX}", attrs(objectClass="organizationalUnit", ou="policies")),
        (
            f"cn=default,ou=policies,{SUFFIX}",
            attrs(
                objectClass=["organizationalRole", "pwdPolicy"],
                cn="default",
                pwdAttribute="userPassword",
                pwdLockout="TRUE",
                pwdMaxFailure="0",
            ),
        ),
        (
            READER_DN,
            attrs(
                objectClass=["organizationalRole", "simpleSecurityObject"],
                cn="rollout-reader",
                userPassword=READER_PASSWORD,
            ),
        ),
    ]
    for person in EVERYONE:
        entries.append(
            (
                person.dn,
                attrs(
                    objectClass="inetOrgPerson",
                    uid=person.uid,
                    cn=f"{person.given_name} {person.surname}",
                    givenName=person.given_name,
                    sn=person.surname,
                    mail=person.mail,
                    preferredLanguage=person.language,
                    departmentNumber=person.department,
                    userPassword=person.password,
                ),
            )
        )
    for group in (SALES_DN, FINANCE_DN, CRM_TEAM_DN):
        members = [p.dn for p in EVERYONE if group in p.groups]
        entries.append(
            (group, attrs(objectClass="groupOfNames", cn=group.split(",")[0][3:], member=members))
        )
    return entries


class Slapd:
    """slapd in the foreground (-d 0), a child of the test run: it ends with the run."""

    def __init__(self, folder: Path) -> None:
        assert SLAPD.exists(), "slapd is not installed (apt-get install slapd ldap-utils)"
        self.folder = folder
        self.port = free_port()
        self.uri = f"ldap://127.0.0.1:{self.port}"
        self.ca_file = str(write_certificates(folder))
        (folder / "data").mkdir()
        (folder / "slapd.conf").write_text(_slapd_conf(folder))
        self.log = folder / "slapd.log"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with self.log.open("wb") as log:
            conf = str(self.folder / "slapd.conf")
            # -d 0: in the foreground (a child of the test run), logging only start and stop.
            self.process = subprocess.Popen(
                [str(SLAPD), "-h", f"{self.uri}/", "-f", conf, "-d", "0"],
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        wait_until(self._answers, timeout=30, what=f"slapd on {self.uri}")
        self._load()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=30)

    def _log_tail(self) -> str:
        return self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""

    def _answers(self) -> bool:
        assert self.process is not None
        if self.process.poll() is not None:
            raise AssertionError(f"slapd exited ({self.process.returncode}): {self._log_tail()}")
        try:
            self.connect(ROOT_DN, ROOT_PASSWORD).unbind_s()
        except ldap.SERVER_DOWN:
            return False
        return True

    def connect(self, dn: str, password: str, *, ca_file: str | None = "") -> Any:
        """A StartTLS connection bound as `dn`; ca_file="" trusts the test's CA, None
        trusts nothing but the system's store."""
        connection = ldap.initialize(self.uri)
        connection.set_option(ldap.OPT_NETWORK_TIMEOUT, 5)
        connection.set_option(ldap.OPT_X_TLS_REQUIRE_CERT, ldap.OPT_X_TLS_DEMAND)
        if ca_file is not None:
            connection.set_option(ldap.OPT_X_TLS_CACERTFILE, ca_file or self.ca_file)
        connection.set_option(ldap.OPT_X_TLS_NEWCTX, 0)
        connection.start_tls_s()
        connection.simple_bind_s(dn, password)
        return connection

    def _load(self) -> None:
        connection = self.connect(ROOT_DN, ROOT_PASSWORD)
        try:
            for dn, attributes in _entries():
                connection.add_s(dn, ldap.modlist.addModlist(attributes))
            for person in EVERYONE:
                if person.locked:
                    # Locked for good by the password policy, as after too many failures.
                    connection.modify_s(
                        person.dn, [(ldap.MOD_ADD, "pwdAccountLockedTime", [b"000001010000Z"])]
                    )
        finally:
            connection.unbind_s()


@pytest.fixture(scope="session")
def slapd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Slapd]:
    """The test directory, one per test process (xdist workers each start their own)."""
    folder = tmp_path_factory.mktemp("slapd")
    # slapd runs as whoever runs the tests (root in CI); its files must be its own.
    os.chmod(folder, 0o700)
    server = Slapd(folder)
    try:
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(folder / "data", ignore_errors=True)


def directory_of(server: Slapd) -> Directory:
    """The app's view of the test directory: StartTLS with the test's CA, the reader account."""
    return Directory(
        server_uri=server.uri,
        ca_cert_file=server.ca_file,
        bind_dn=READER_DN,
        bind_password=READER_PASSWORD,
        user_search_base=PEOPLE,
        group_search_base=GROUPS,
    )


@pytest.fixture
def ldap_sign_in(slapd: Slapd, settings: Any) -> Slapd:
    """Sign-in through the test directory switched on, as LDAP_SERVER_URI and the other
    LDAP_* variables switch it on in an installation."""
    for name, value in ldap_settings(directory_of(slapd)).items():
        setattr(settings, name, value)
    settings.AUTHENTICATION_BACKENDS = with_ldap_backend(settings.AUTHENTICATION_BACKENDS)
    return slapd
