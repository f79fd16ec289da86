"""Documentation pages: the reference text and its code stay, the engine's widgets go.

Snippets are written for these tests, modelled on how documentation engines build
their pages (AWS-style and Microsoft-style feedback boxes, Google devsite footers).
"""

from __future__ import annotations

from stripper import extract
from stripper.options import DEFAULT_OPTIONS
from stripper.score import classify_block

TEXT = ("Query tuning starts from the plan: run EXPLAIN ANALYZE on the slow statement, "
        "compare the estimated and the actual row counts, and look for sequential scans "
        "over large tables that an index on the filtered columns would avoid. ")

DOC_PAGE = f"""<html><head><title>Introduction - Query tuning</title></head><body>
<div id="main-col-body"><h1>Introduction</h1><p>{TEXT}</p><p>{TEXT}</p>
<pre><code>EXPLAIN ANALYZE SELECT * FROM orders WHERE customer_id = 42;</code></pre>
<div class="awsdocs-page-feedback"><h2>Did this page help you?</h2>
<p>Thanks for letting us know we're doing a good job!</p>
<p>If you've got a moment, please tell us what we did right so we can do more of it.</p></div>
<p>Except as otherwise noted, the content of this page is licensed under the Creative
Commons Attribution 4.0 License, and code samples are licensed under the Apache 2.0 License.</p>
</div></body></html>"""


def test_feedback_box_and_licence_footer_go_text_and_code_stay() -> None:
    record = extract(DOC_PAGE, url="https://docs.example.com/guide/query-tuning/introduction")
    assert record.page_type == "documentation"
    assert "EXPLAIN ANALYZE SELECT" in record.body
    assert record.body.count("Query tuning starts") == 2
    assert "doing a good job" not in record.body
    assert "licensed under" not in record.body


def test_licence_notice_is_bad_but_a_sentence_about_licences_is_not() -> None:
    notice = ("Except as otherwise noted, the content of this page is licensed under the "
              "Creative Commons Attribution 4.0 License.")
    assert classify_block(notice, len(notice), 0, 0, DEFAULT_OPTIONS.score).reason == "disclosure"
    prose = ("The library is licensed under the MIT licence, so you may ship it inside "
             "commercial products as long as the notice is kept.")
    assert classify_block(prose, len(prose), 0, 0, DEFAULT_OPTIONS.score).cls == "good"
