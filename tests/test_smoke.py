from stripper import extract


def test_article_body_and_title() -> None:
    html = """<html><head><title>A headline - Site</title></head><body>
    <nav><a href="/">Home</a><a href="/news">News</a></nav>
    <article><h1>A headline</h1>
    <p>First paragraph of the article, long enough to be content for sure, with commas.</p>
    <p>Second paragraph of the article, also long enough to count as the main content.</p>
    </article><footer>© 2024 Site. All rights reserved.</footer></body></html>"""
    r = extract(html)
    assert r.error is None
    assert r.title == "A headline"
    assert "First paragraph" in r.body and "Second paragraph" in r.body
    assert "Home" not in r.body and "rights reserved" not in r.body
