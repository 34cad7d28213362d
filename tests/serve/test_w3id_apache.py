"""The ``.htaccess`` that `atelier-kg publish --base-url` writes, run in a real Apache httpd.

w3id.org answers its IRIs with Apache's mod_rewrite, from the ``.htaccess`` of each folder. Here
Debian's ``apache2`` (skipped when it is absent, installed by .ci/run) serves a document root
holding only ``atelier-kg/.htaccess``, a copy of the published ``w3id/.htaccess``, under a private
minimal configuration on 127.0.0.1. The IRIs are asked with http.client, redirects never followed
(the targets are only ``Location`` headers). The expected locations are worked out by hand from the
rules w3id.org follows (W3C "Cool URIs for the Semantic Web": 303 See Other from the IRI of a thing
to a document about it, chosen by ``Accept``; the home page found, 302), and each one must name a
file of the published site.
"""

from __future__ import annotations

import grp
import http.client
import os
import pwd
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import free_port, run_cli, running

APACHE = Path("/usr/sbin/apache2")
MODULES = Path("/usr/lib/apache2/modules")
needs_apache = pytest.mark.skipif(
    not (APACHE.is_file() and (MODULES / "mod_rewrite.so").is_file()),
    reason="needs Debian's apache2 (apt-get install apache2), which .ci/run installs",
)
pytestmark = needs_apache

BASE = "https://example.org/atelier-kg"
FOLDER = "/atelier-kg"  # the folder of w3id.org: https://w3id.org/atelier-kg/...
#: what Firefox sends for a page
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
#: Accept -> the extension of the document a resource's IRI is sent to (None: no Accept at all)
BY_ACCEPT = {
    BROWSER: "html",
    None: "html",
    "text/turtle": "ttl",
    "application/n-triples": "nt",
    "application/ld+json": "jsonld",
}


@dataclass(frozen=True)
class Apache:
    port: int
    site: Path  # the site made by `atelier-kg publish`
    root: Path  # the document root: atelier-kg/.htaccess, a copy of site/w3id/.htaccess
    error_log: Path

    def ask(self, path: str, accept: str | None = None) -> tuple[int, str | None]:
        """(status, Location) of one GET; the redirect is not followed."""
        status, headers = self.answer(path, accept)
        return status, headers.get("Location")

    def answer(self, path: str, accept: str | None = None) -> tuple[int, http.client.HTTPMessage]:
        """(status, headers) of one GET; the redirect is not followed."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=20)
        try:
            connection.request("GET", path, headers={} if accept is None else {"Accept": accept})
            response = connection.getresponse()
            response.read()
            return response.status, response.headers
        finally:
            connection.close()


def run_as() -> str:
    """The User/Group lines: Apache started as root serves as an unprivileged user."""
    if os.geteuid() != 0:
        return ""  # Apache keeps the user it is started as
    for name in ("www-data", "nobody"):
        try:
            user = pwd.getpwnam(name)
        except KeyError:
            continue
        return f"User {name}\nGroup {grp.getgrgid(user.pw_gid).gr_name}\n"
    pytest.skip("Apache started as root needs an unprivileged user (www-data or nobody) to serve as")


def configuration(root: Path, run: Path, port: int) -> str:
    """A private httpd.conf: the document root with .htaccess files allowed, nothing else."""
    modules = {
        "mpm_prefork_module": "mod_mpm_prefork.so",
        "authz_core_module": "mod_authz_core.so",
        "rewrite_module": "mod_rewrite.so",
        "dir_module": "mod_dir.so",
        "headers_module": "mod_headers.so",
    }
    return (
        f'ServerRoot "{run}"\n'
        f'DefaultRuntimeDir "{run}"\n'
        f'PidFile "{run}/httpd.pid"\n'
        f'ErrorLog "{run}/error.log"\n'
        "LogLevel warn\n"
        f'Mutex "file:{run}" default\n'
        f"Listen 127.0.0.1:{port}\n"
        "ServerName 127.0.0.1\n"
        + "".join(f'LoadModule {name} "{MODULES / file}"\n' for name, file in modules.items())
        + "StartServers 1\nMinSpareServers 1\nMaxSpareServers 2\nMaxRequestWorkers 4\nKeepAlive Off\n"
        + run_as()
        + f'DocumentRoot "{root}"\n'
        "<Directory />\n  AllowOverride None\n  Require all denied\n</Directory>\n"
        f'<Directory "{root}">\n  AllowOverride All\n  Require all granted\n</Directory>\n'
    )


@contextmanager
def apache(conf: Path, probe: str, error_log: Path) -> Iterator[None]:
    """Run ``apache2 -f conf -DFOREGROUND`` until the end, stopped (SIGTERM, then kill) whatever
    happens; if it does not start, what it said is in its own error log."""
    try:
        # its own session: stopping, it signals its whole process group (prefork: killpg)
        with running([str(APACHE), "-f", str(conf), "-DFOREGROUND"], probe, "apache2", new_session=True):
            yield
    except AssertionError as error:
        said = error_log.read_text(errors="replace") if error_log.exists() else ""
        raise AssertionError(f"{error}\n{said}") from None


@pytest.fixture(scope="module")
def server(seed_build) -> Iterator[Apache]:
    with tempfile.TemporaryDirectory(prefix="atelier-kg-apache-") as scratch:
        tmp = Path(scratch)
        tmp.chmod(0o755)  # the served folders must be readable by the user Apache serves as
        site = tmp / "site"
        result = run_cli("publish", "-q", "--build", str(seed_build), "--out", str(site), "--base-url", BASE)
        assert result.code == 0, result.err
        root, run = tmp / "root", tmp / "run"
        for folder in (root, root / FOLDER.strip("/"), run):
            folder.mkdir()
            folder.chmod(0o755)
        htaccess = root / FOLDER.strip("/") / ".htaccess"
        shutil.copyfile(site / "w3id" / ".htaccess", htaccess)
        (root / "alive.txt").write_text("alive\n", encoding="utf-8")  # answers 200: the probe
        # a control: a folder whose .htaccess Apache cannot read, to show what a broken one gives
        (root / "broken").mkdir()
        (root / "broken" / ".htaccess").write_text("RewriteEngine on\nRewriteRule\n", encoding="utf-8")
        for path in root.rglob("*"):
            path.chmod(0o755 if path.is_dir() else 0o644)
        port = free_port()
        conf = tmp / "httpd.conf"
        conf.write_text(configuration(root, run, port), encoding="utf-8")
        error_log = run / "error.log"
        with apache(conf, f"http://127.0.0.1:{port}/alive.txt", error_log):
            yield Apache(port, site, root, error_log)


def lands(server: Apache, location: str | None) -> None:
    """The location is a document of the published site."""
    assert location is not None and location.startswith(BASE + "/"), location
    assert (server.site / location.removeprefix(BASE + "/")).is_file(), location


def redirect(server: Apache, iri_path: str, accept: str | None, status: int, location: str) -> None:
    answer = server.ask(FOLDER + iri_path, accept)
    assert answer == (status, location), (iri_path, accept)
    lands(server, location)


@pytest.mark.parametrize("accept", list(BY_ACCEPT), ids=lambda a: str(a).split(",")[0])
def test_a_resource_iri_answers_303_to_its_document_in_the_accepted_format(server, accept):
    extension = BY_ACCEPT[accept]
    redirect(server, "/id/org/ciridd", accept, 303, f"{BASE}/doc/org/ciridd.{extension}")


def test_an_rdf_client_that_also_takes_html_gets_rdf(server):
    redirect(server, "/id/org/ciridd", "text/turtle, text/html;q=0.5", 303, f"{BASE}/doc/org/ciridd.ttl")
    redirect(server, "/id/org/ciridd", "text/html, application/ld+json", 303, f"{BASE}/doc/org/ciridd.jsonld")


@pytest.mark.parametrize("name", ["source/persons.csv", "source/mappings/cpv.sssom.tsv", "theme/4"])
def test_a_path_with_slashes_and_dots_is_kept_whole(server, name):
    redirect(server, f"/id/{name}", BROWSER, 303, f"{BASE}/doc/{name}.html")
    redirect(server, f"/id/{name}", "text/turtle", 303, f"{BASE}/doc/{name}.ttl")
    redirect(server, f"/id/{name}", "application/n-triples", 303, f"{BASE}/doc/{name}.nt")


@pytest.mark.parametrize(
    ("name", "html", "stem"),
    [("def", "def/index.html", "def"), ("shapes", "def/shapes/index.html", "def/shapes")],
)
def test_the_ontology_and_the_shapes_answer_their_documentation_or_their_rdf(server, name, html, stem):
    redirect(server, f"/{name}", BROWSER, 303, f"{BASE}/{html}")
    redirect(server, f"/{name}", None, 303, f"{BASE}/{html}")
    redirect(server, f"/{name}", "text/turtle", 303, f"{BASE}/{stem}.ttl")
    redirect(server, f"/{name}", "application/n-triples", 303, f"{BASE}/{stem}.nt")
    redirect(server, f"/{name}", "application/ld+json", 303, f"{BASE}/{stem}.jsonld")


def test_the_dataset_answers_its_void_whatever_is_accepted(server):
    for accept in (BROWSER, None, "text/turtle"):
        redirect(server, "/id/dataset", accept, 303, f"{BASE}/void.ttl")


def test_the_folder_answers_the_home_page(server):
    redirect(server, "/", BROWSER, 302, f"{BASE}/index.html")


def test_every_published_resource_lands_on_its_four_documents(server):
    names = sorted(
        p.relative_to(server.site / "doc").as_posix().removesuffix(".ttl")
        for p in (server.site / "doc").rglob("*.ttl")
    )
    assert len(names) > 300 and {"org/ciridd", "source/mappings/cpv.sssom.tsv"} <= set(names)
    for name in names:
        for accept, extension in BY_ACCEPT.items():
            status, location = server.ask(f"{FOLDER}/id/{name}", accept)
            assert (status, location) == (303, f"{BASE}/doc/{name}.{extension}"), (name, accept)
            assert (server.site / "doc" / f"{name}.{extension}").is_file(), location


def test_apache_accepts_the_file(server):
    # the control: an .htaccess Apache cannot read answers 500, and says so in the error log
    assert server.ask("/broken/x")[0] == 500
    assert "RewriteRule" in server.error_log.read_text(errors="replace")
    mark = server.error_log.stat().st_size
    iris = ["/", "/id/dataset", "/id/org/ciridd", "/id/source/persons.csv", "/def", "/shapes"]
    for iri in iris:
        for accept in BY_ACCEPT:
            status, _ = server.ask(FOLDER + iri, accept)
            assert status in (302, 303), (iri, accept, status)
    with server.error_log.open("rb") as log:
        log.seek(mark)
        assert log.read() == b""  # nothing to say about atelier-kg/.htaccess


def test_the_303s_say_they_vary_with_accept(server):
    """The Cool URIs note's 303s carry Vary: Accept, so that a cache keeps one answer per type."""
    for iri in ("/id/org/ciridd", "/def", "/shapes"):
        status, headers = server.answer(FOLDER + iri, "text/turtle")
        assert status == 303 and headers.get("Vary") == "Accept", (iri, dict(headers))
