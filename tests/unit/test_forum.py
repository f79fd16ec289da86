"""Forum and Q&A threads: the posts are the content, the engine's chrome is not.

Snippets are written for these tests, modelled on how the common engines build
their pages (Stack Exchange, Flarum, Discourse, XenForo, phpBB, Invision).
"""

from __future__ import annotations

from stripper import dom, extract
from stripper.clean import clean
from stripper.parse import parse
from stripper.tracing import Trace

ANSWER = ("Use the built-in backup tool first: it copies your home folder and keeps "
          "older versions, so a file you deleted last week can still be restored. ")


def _clean_text(html: str, page_type: str) -> tuple[str, Trace]:
    tree = parse(html)
    trace = Trace()
    clean(tree, trace=trace, page_type=page_type)
    return (dom.text_of(tree.body) if tree.body is not None else ""), trace


QA_PAGE = f"""<html><body><div id="mainbar">
<div id="question" class="question js-question">
 <div class="post-layout">
  <div class="votecell post-layout--left"><div class="js-vote-count">12</div></div>
  <div class="postcell post-layout--right">
   <div class="s-prose js-post-body"><p>QUESTION How do I back up my whole system? {ANSWER}</p></div>
  </div>
  <div class="post-layout--right js-post-comments-component">
   <div id="comments-1" class="comments js-comments-container">
    <ul class="comments-list js-comments-list">
     <li class="comment js-comment"><div class="comment-body">
      <span class="comment-copy">REMARK Have you tried rsync?</span>
      <span class="comment-date">Commented May 2, 2009 at 0:09</span></div></li>
    </ul></div></div>
 </div></div>
<div id="answers"><div class="answer js-answer">
 <div class="answercell post-layout--right">
  <div class="s-prose js-post-body"><p>ANSWER {ANSWER}</p></div></div>
 <div class="comments js-comments-container"><ul class="comments-list">
  <li class="comment"><span class="comment-copy">REMARK Thanks, that worked.</span></li>
 </ul></div>
</div></div></div></body></html>"""


def test_qa_comments_go_but_question_and_answers_stay() -> None:
    text, trace = _clean_text(QA_PAGE, "forum")
    assert "QUESTION" in text and "ANSWER" in text
    assert "REMARK" not in text
    assert "post-comments" in {d.rule for d in trace.decisions if d.verdict == "drop"}


def test_forum_posts_marked_as_comments_stay() -> None:
    # many forum engines and blogs call their posts "comment": only the Q&A
    # remark lists go on a forum, not every element with "comment" in its class
    html = (f'<html><body><ol class="comment-thread"><li class="comment">'
            f'<div class="comment-content"><p>POST {ANSWER}</p></div></li>'
            f'<li class="comment"><div class="comment-content"><p>POST {ANSWER}</p></div></li>'
            f'</ol></body></html>')
    text, _ = _clean_text(html, "forum")
    assert text.count("POST") == 2


FLARUM_SHELL = """<html><body><div id="app" class="App"><main class="App-content">
<div id="content"></div>
<noscript><div class="Alert">This site is best viewed in a modern browser.</div></noscript>
<noscript id="flarum-content"><div class="container"><h1>Types of threads</h1>
<article><div class="PostUser"><h3 class="PostUser-name">alice</h3></div>
<div class="Post-body"><p>THREAD {body}</p></div></article>
<article><div class="PostUser"><h3 class="PostUser-name">bob</h3></div>
<div class="Post-body"><p>THREAD I agree, and {body}</p></div></article></div></noscript>
</main></div>
<script id="flarum-json-payload" type="application/json">{payload}</script>
</body></html>"""


def test_crawler_view_in_noscript_wins_over_a_large_json_payload() -> None:
    # a JavaScript app ships its data as JSON in a <script> and its crawler view in
    # <noscript>: script text is not page text, so the crawler view is unwrapped
    payload = '{"resources":[' + ",".join(f'{{"type":"posts","id":"{i}"}}'
                                           for i in range(2000)) + "]}"
    html = FLARUM_SHELL.format(body=ANSWER * 3, payload=payload)
    record = extract(html, url="https://forum.example.org/d/12-types-of-threads")
    assert record.error is None
    assert record.body.count("THREAD") == 2


FIRST = "I turned off Messages in iCloud on every device but the storage still shows 17 GB."
XENFORO = f"""<html><body><div class="block-body js-replyNewMessageContainer">
<article class="message message--post"><div class="message-cell message-cell--main">
 <article class="message-body js-selectToQuote"><div class="bbWrapper">{FIRST}</div></article>
</div></article>
<article class="message message--post"><div class="message-cell message-cell--main">
 <article class="message-body js-selectToQuote"><div class="bbWrapper">
  <blockquote class="bbCodeBlock bbCodeBlock--expandable bbCodeBlock--quote">
   <div class="bbCodeBlock-title">felix said:</div>
   <div class="bbCodeBlock-content"><div class="bbCodeBlock-expandContent">{FIRST}</div>
   <div class="bbCodeBlock-expandLink"><a role="button">Click to expand...</a></div></div>
  </blockquote>REPLY It takes a day for the usage figure to catch up.
  <blockquote class="bbCodeBlock bbCodeBlock--quote"><div class="bbCodeBlock-content">
   OLDER a post from the first page of the thread, quoted here again.</div></blockquote>
 </div></article></div></article></div></body></html>"""


def test_quote_of_a_post_on_the_page_goes_a_quote_of_an_older_page_stays() -> None:
    text, trace = _clean_text(XENFORO, "forum")
    assert text.count(FIRST) == 1
    assert "REPLY" in text and "OLDER" in text
    verdicts = {d.verdict for d in trace.decisions if d.rule == "post-quote"}
    assert verdicts == {"drop", "spare (not repeated)"}


def test_quotes_stay_on_articles() -> None:
    text, _ = _clean_text(XENFORO, "article")
    assert text.count(FIRST) == 2


def test_thread_stat_counters_with_the_word_first_are_boilerplate() -> None:
    from stripper.options import DEFAULT_OPTIONS
    from stripper.score import classify_block
    for text in ("Replies 154", "Views 26.2k", "12 Posts 5 Posters 3.2k Views"):
        assert classify_block(text, len(text), 0, 0, DEFAULT_OPTIONS.score).cls == "bad", text
    text = "Replies are welcome, but read the rules first."
    assert classify_block(text, len(text), 0, 0, DEFAULT_OPTIONS.score).cls != "bad"


def test_browser_warning_goes() -> None:
    html = (f'<html><body><div class="blockMessage js-browserWarning">'
            f"You are using an out of date browser. It may not display this or other websites "
            f"correctly.</div><article class='message'><p>POST {ANSWER}</p></article></body></html>")
    text, trace = _clean_text(html, "forum")
    assert "out of date browser" not in text and "POST" in text
    assert "browser-warning" in {d.rule for d in trace.decisions if d.verdict == "drop"}


PARENT = ("Ubuntu 24.04 has been delayed a bit this year and I believe the final version "
          "comes out in a few weeks, so nobody knows yet which Qt it will ship.")
NODEBB = f"""<html><body><div class="posts-container"><ul component="topic" class="posts timeline">
<li component="post" class="pt-4"><div class="post-container d-flex gap-2">
 <div class="content text-break" component="post/content"><p>{PARENT}</p><p>{ANSWER}</p></div>
</div></li>
<li component="post" class="pt-4"><div class="post-container d-flex gap-2">
 <div component="post/parent" class="btn btn-ghost btn-sm"><div class="text-muted line-clamp-1 text-break">
  <p>{PARENT}</p></div></div>
 <div class="content text-break" component="post/content"><p>REPLY {ANSWER}</p>
 <p>Qt 6.4 is what the archive lists today; a newer one may land in an update later.</p></div>
</div></li>
</ul></div></body></html>"""


def _selected_text(html: str, page_type: str) -> str:
    from stripper.dom import flatten
    from stripper.render import render
    from stripper.score import score
    from stripper.selection import select
    tree = parse(html)
    clean(tree, page_type=page_type)
    doc = flatten(tree)
    selection = select(doc, score(doc), page_type=page_type)
    return render(doc, selection.kept, "txt")


def test_a_reply_preview_repeating_a_post_is_kept_once_on_forums() -> None:
    # NodeBB shows the post a reply answers above the reply, in markup that does
    # not say "quote": the repeated block is kept once
    assert _selected_text(NODEBB, "forum").count("Ubuntu 24.04 has been delayed") == 1
    assert "REPLY" in _selected_text(NODEBB, "forum")


def test_documentation_keeps_repeated_blocks() -> None:
    # reference pages repeat sentences on purpose (the same note under two methods)
    assert _selected_text(NODEBB, "documentation").count("Ubuntu 24.04 has been delayed") == 2


def test_popover_prompts_go() -> None:
    # Invision-style app-install and push-notification prompts use the HTML popover
    # API: they are not rendered until opened
    html = (f'<html><body><i-card popover id="iPushNotificationsPromptPopover"><h4>Configure '
            f'browser push notifications</h4><ol><li>Tap the lock icon next to the address bar.'
            f'</li></ol></i-card><article class="ipsEntry"><p>POST {ANSWER}</p></article>'
            f'</body></html>')
    text, trace = _clean_text(html, "forum")
    assert "push notifications" not in text and "POST" in text
    assert "dialogs" in {d.rule for d in trace.decisions if d.verdict == "drop"}
