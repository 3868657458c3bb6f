"""The interactive documentation works with no network: every asset comes from the service."""

from __future__ import annotations

import re

from tests.api.conftest import Api

URL = re.compile(r"""(?:src|href)\s*=\s*["']([^"']+)["']|url\s*:\s*["']([^"']+)["']""")


def _references(html: str) -> list[str]:
    return [a or b for a, b in URL.findall(html)]


def test_docs_and_redoc_reference_no_external_host(api: Api) -> None:
    for path in ("/docs", "/redoc"):
        response = api.client.get(path)
        assert response.status_code == 200, path
        assert "://" not in response.text, path  # no absolute URL at all, hence no CDN
        references = _references(response.text)
        assert references, path
        for reference in references:
            assert reference.startswith("/"), (path, reference)
            assert not reference.startswith("//"), (path, reference)
            assert api.client.get(reference).status_code == 200, reference


def test_the_swagger_assets_are_served_with_their_types(api: Api) -> None:
    script = api.client.get("/docs/assets/swagger-ui-bundle.js")
    assert script.status_code == 200 and "javascript" in script.headers["content-type"]
    assert b"SwaggerUIBundle" in script.content
    assert api.client.get("/docs/assets/swagger-ui.css").headers["content-type"].startswith("text/css")
    assert api.client.get("/docs/assets/inconnu.js").status_code == 404
