"""The notice to the applicant and the methodology, as the pages serve them."""

from __future__ import annotations

from tests.pages.conftest import Site


def test_the_lead_reads_the_notice_of_its_application_and_not_of_another(site: Site) -> None:
    client = site.sign_in("lead")
    page = client.get("/pages/candidatures/p-xss").text
    assert 'href="/pages/candidatures/p-xss/notice"' in page
    notice = client.get("/pages/candidatures/p-xss/notice")
    assert notice.status_code == 200 and notice.headers["content-type"].startswith("text/html")
    assert "default-src 'none'" in notice.headers["content-security-policy"]
    assert "Degré et mode de contribution du traitement à la décision" in notice.text
    assert "<script" not in notice.text  # names are escaped, nothing runs
    other = client.get("/pages/candidatures/p-other/notice")
    assert other.status_code == 404 and "Raccrocher à Tourcoing" not in other.text


def test_the_methodology_page_renders_the_document_and_each_report_links_to_it(site: Site) -> None:
    page = site.client.get("/pages/methodologie")
    assert page.status_code == 200
    assert "<h1>Méthodologie du rapport de partenariat</h1>" in page.text
    assert "<table>" in page.text  # the indicator tables are rendered, not shown as Markdown
    client = site.sign_in("reviewer")
    report = client.get("/pages/candidatures/p-xss/rapport").text
    assert 'href="/pages/methodologie"' in report
